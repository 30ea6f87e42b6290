namespace Pitr.Domain.Recoveries;

public enum ResultStatus
{
    Done,
    NotFound,
    Refused,

    /// <summary>Someone else acted first; <see cref="RecoveryResult.Why"/> says who did what.</summary>
    Conflict,
}

/// <summary>What became of a person's request: data with an outcome; the edge decides the words.</summary>
public sealed record RecoveryResult(ResultStatus Status, RecoverySnapshot? Recovery = null, Refusal? Why = null)
{
    public bool Succeeded => Status == ResultStatus.Done;

    public static RecoveryResult Done(RecoverySnapshot recovery) => new(ResultStatus.Done, recovery);

    public static RecoveryResult NotFound(string recoveryId) => new(ResultStatus.NotFound, null, new UnknownRecovery(recoveryId));

    public static RecoveryResult Refused(Refusal why, RecoverySnapshot? recovery = null) => new(ResultStatus.Refused, recovery, why);

    /// <summary>A stale click or a second click on what someone just did is a conflict; anything else the machine does not permit is a refusal.</summary>
    public static RecoveryResult Rejected(Refusal why, RecoverySnapshot recovery) =>
        why is StaleButton || (why is NotPermitted n && n.LastAction?.Action == n.Action)
            ? new(ResultStatus.Conflict, recovery, why)
            : Refused(why, recovery);
}
