using System.Text.Json.Nodes;
using Pitr.Domain.Ports;

namespace Pitr.Adapters.Slack.Blocks;

/// <summary>One button per action the recovery permits now; dangerous ones ask "are you sure?" first.</summary>
internal static class RecoveryButtons
{
    public const string BlockId = "pitr.actions";

    public static JsonObject? Render(IReadOnlyList<RecoveryAction>? actions)
    {
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
            ["action_id"] = SlackActionIds.Of(action.Kind),
            ["text"] = Block.Plain(Label(action.Kind), 75),
            ["value"] = new ButtonValue(action.RecoveryId, action.OfferedInState).ToString(),
        };
        if (Style(action.Kind) is { } style)
        {
            button["style"] = style;
        }

        if (AreYouSure(action) is { } confirm)
        {
            button["confirm"] = confirm;
        }

        return button;
    }

    private static string Label(RecoveryActionKind kind) => kind switch
    {
        RecoveryActionKind.Confirm => "Confirm restore",
        RecoveryActionKind.Cancel => "Cancel",
        RecoveryActionKind.Approve => "Approve",
        RecoveryActionKind.Reject => "Reject…",
        RecoveryActionKind.Abort => "Abort",
        RecoveryActionKind.Retry => "Retry",
        RecoveryActionKind.Rollback => "Roll back",
        RecoveryActionKind.Decommission => "Decommission old database",
        _ => kind.ToString(),
    };

    private static string? Style(RecoveryActionKind kind) => kind switch
    {
        RecoveryActionKind.Confirm or RecoveryActionKind.Approve or RecoveryActionKind.Retry => "primary",
        RecoveryActionKind.Abort or RecoveryActionKind.Rollback or RecoveryActionKind.Decommission => "danger",
        _ => null,
    };

    private static JsonObject? AreYouSure(RecoveryAction action) => action.Kind switch
    {
        RecoveryActionKind.Abort => Dialog("Abort the recovery?", $"Recovery {action.RecoveryId} stops and its restored database is deleted.", "Abort"),
        RecoveryActionKind.Rollback => Dialog("Roll back?", "The previous secret version becomes current again and the workloads restart onto the original database.", "Roll back"),
        RecoveryActionKind.Decommission => Dialog("Delete the replaced database?", "The database this recovery replaced is deleted. This cannot be undone.", "Delete it"),
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
