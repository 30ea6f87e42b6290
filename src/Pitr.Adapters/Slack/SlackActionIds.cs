using Pitr.Domain.Ports;

namespace Pitr.Adapters.Slack;

/// <summary>The <c>action_id</c> of every button and the <c>callback_id</c> of every modal the bot renders.</summary>
public static class SlackActionIds
{
    public const string Prefix = "pitr.";
    public const string StartFromAlert = "pitr.alert.start";
    public const string RejectModal = "pitr.reject";
    public const string StartModal = "pitr.start";

    /// <summary>The button of a recovery action: <c>pitr.confirm</c>, <c>pitr.approve</c>, …</summary>
    public static string Of(RecoveryActionKind kind) => Prefix + kind.ToString().ToLowerInvariant();

    public static RecoveryActionKind? KindOf(string actionId) =>
        actionId.StartsWith(Prefix, StringComparison.Ordinal)
        && Enum.TryParse<RecoveryActionKind>(actionId[Prefix.Length..], ignoreCase: true, out var kind)
        && Of(kind) == actionId
            ? kind
            : null;
}
