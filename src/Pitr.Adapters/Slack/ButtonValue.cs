using Pitr.Domain.Recoveries;

namespace Pitr.Adapters.Slack;

/// <summary>What a recovery button carries back: the recovery and the state it was offered in (<c>id|state</c>).</summary>
public sealed record ButtonValue(string RecoveryId, RecoveryState OfferedIn)
{
    private const char Separator = '|';

    public override string ToString() => $"{RecoveryId}{Separator}{OfferedIn}";

    public static ButtonValue? Parse(string? value)
    {
        var parts = value?.Split(Separator);
        return parts is [{ Length: > 0 and <= 100 } id, { Length: > 0 and <= 50 } state] && Enum.TryParse<RecoveryState>(state, out var offered) && offered.ToString() == state
            ? new ButtonValue(id, offered)
            : null;
    }
}
