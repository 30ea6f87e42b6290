using Pitr.Domain.Recoveries;

namespace Pitr.Adapters.Slack;

/// <summary>The <c>action_id</c> of every button and the <c>callback_id</c> of every modal the bot renders.</summary>
public static class SlackActionIds
{
    public const string Prefix = "pitr.";
    public const string StartFromAlert = "pitr.alert.start";
    public const string RejectModal = "pitr.reject";
    public const string StartModal = "pitr.start";

    /// <summary>The button of a recovery action: <c>pitr.confirm</c>, <c>pitr.approve</c>, …</summary>
    public static string Of(RecoveryTrigger action) => Prefix + action.ToString().ToLowerInvariant();

    /// <summary>The person's action a recovery button stands for, or null when the id is not one of them.</summary>
    public static RecoveryTrigger? ActionOf(string actionId) =>
        RecoveryTriggers.PersonActions.Where(action => Of(action) == actionId).Select(action => (RecoveryTrigger?)action).FirstOrDefault();
}
