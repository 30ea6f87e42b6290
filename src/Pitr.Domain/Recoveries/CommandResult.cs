namespace Pitr.Domain.Recoveries;

/// <summary>What became of a person's command: done, or refused with a reason they can act on. Refusals change nothing.</summary>
public sealed record CommandResult(bool Succeeded, string Message, RecoverySnapshot? Recovery = null)
{
    public static CommandResult Done(string message, RecoverySnapshot recovery) => new(true, message, recovery);

    public static CommandResult Refused(string message, RecoverySnapshot? recovery = null) => new(false, message, recovery);
}
