namespace Pitr.Adapters.Slack;

/// <summary>What a recovery button carries back: the recovery and the state it was offered in (<c>id|state</c>).</summary>
public sealed record ButtonValue(string RecoveryId, string OfferedInState)
{
    private const char Separator = '|';

    public override string ToString() => $"{RecoveryId}{Separator}{OfferedInState}";

    public static ButtonValue? Parse(string? value)
    {
        var parts = value?.Split(Separator);
        return parts is [{ Length: > 0 and <= 100 } id, { Length: > 0 and <= 50 } state] ? new ButtonValue(id, state) : null;
    }
}
