using System.Text.Json.Nodes;
using Pitr.Domain.Recoveries;

namespace Pitr.Adapters.Slack.Blocks;

/// <summary>One button per action the recovery permits now; dangerous ones ask "are you sure?" first.</summary>
internal static class RecoveryButtons
{
    public const string BlockId = "pitr.actions";

    public static JsonObject? Render(IReadOnlyList<RecoveryAction>? offered)
    {
        // Decommissioning belongs after the retention, not next to Roll back the moment a recovery completes;
        // it stays a typed command until then.
        var actions = offered?.Where(a => a.Action != RecoveryTrigger.Decommission).ToList();
        if (actions is not { Count: > 0 })
        {
            return null;
        }

        return new JsonObject
        {
            ["type"] = "actions",
            ["block_id"] = BlockId,
            ["elements"] = new JsonArray([.. actions.Take(25).Select(a => (JsonNode)Button(a))]),
        };
    }

    private static JsonObject Button(RecoveryAction action)
    {
        var button = new JsonObject
        {
            ["type"] = "button",
            ["action_id"] = SlackActionIds.Of(action.Action),
            ["text"] = Block.Plain(Label(action.Action), 75),
            ["value"] = new ButtonValue(action.RecoveryId, action.OfferedIn).ToString(),
        };
        if (Style(action.Action) is { } style)
        {
            button["style"] = style;
        }

        if (AreYouSure(action) is { } confirm)
        {
            button["confirm"] = confirm;
        }

        return button;
    }

    private static string Label(RecoveryTrigger kind) => kind switch
    {
        RecoveryTrigger.Confirm => "Confirm restore",
        RecoveryTrigger.Cancel => "Cancel",
        RecoveryTrigger.Approve => "Approve",
        RecoveryTrigger.Reject => "Reject…",
        RecoveryTrigger.Abort => "Abort",
        RecoveryTrigger.Retry => "Retry",
        RecoveryTrigger.Rollback => "Roll back",
        RecoveryTrigger.Decommission => "Decommission old database",
        _ => kind.ToString(),
    };

    private static string? Style(RecoveryTrigger kind) => kind switch
    {
        RecoveryTrigger.Confirm or RecoveryTrigger.Approve or RecoveryTrigger.Retry => "primary",
        RecoveryTrigger.Abort or RecoveryTrigger.Rollback or RecoveryTrigger.Decommission => "danger",
        _ => null,
    };

    private static JsonObject? AreYouSure(RecoveryAction action) => action.Action switch
    {
        RecoveryTrigger.Abort => Dialog("Abort the recovery?", $"Recovery {action.RecoveryId} stops and its restored database is deleted.", "Abort"),
        RecoveryTrigger.Rollback => Dialog("Roll back?", "The previous secret version becomes current again and the workloads restart onto the original database.", "Roll back"),
        RecoveryTrigger.Decommission => Dialog("Delete the replaced database?", "The database this recovery replaced is deleted. This cannot be undone.", "Delete it"),
        _ => null,
    };

    private static JsonObject Dialog(string title, string text, string confirm) => new()
    {
        ["title"] = Block.Plain(title, 100),
        ["text"] = Block.Plain(text, 300),
        ["confirm"] = Block.Plain(confirm, 30),
        ["deny"] = Block.Plain("Keep going", 30),
        ["style"] = "danger",
    };
}
