using System.Text.Json.Nodes;
using Pitr.Domain;
using Pitr.Domain.Ports;

namespace Pitr.Adapters.Slack.Blocks;

/// <summary>Renders the header, thread messages and alert cards as Block Kit, within Slack's limits (50 blocks, 3000 characters a section).</summary>
public static class SlackBlocks
{
    public static JsonArray Header(RecoveryHeader h)
    {
        var kind = h.Drill ? "DR drill" : "Point-in-time recovery";
        var blocks = new List<JsonObject>
        {
            Block.Header($"{Icon(h.State)} {kind} of {h.Database}: {h.State}"),
            Block.Fields([
                ("State", Mrkdwn.Escape(h.State)),
                ("Database", $"`{Mrkdwn.Escape(h.Database)}`"),
                ("Target", TimeFormat.Utc(h.Target)),
                ("Attempt", h.Attempt.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                ("Started by", Mrkdwn.Escape(h.Initiator)),
                ("RTO clock", $"{TimeFormat.Duration(h.Elapsed)} · started {Mrkdwn.Date(h.RequestedAt, "{ago}")}"),
            ]),
        };
        if (h.Problem is { } problem)
        {
            blocks.Add(Block.Section($":warning: *Problem:* {Mrkdwn.Escape(problem)}"));
        }

        blocks.Add(Block.Context($"Recovery `{Mrkdwn.Escape(h.RecoveryId)}`", h.LastAction is { } last ? $"Last: {Mrkdwn.Escape(last)}" : "Steps follow in the thread."));
        if (RecoveryButtons.Render(h.Actions) is { } buttons)
        {
            blocks.Add(buttons);
        }

        return [.. blocks];
    }

    public static string HeaderText(RecoveryHeader h) =>
        $"{(h.Drill ? "DR drill" : "Recovery")} {h.RecoveryId} of {h.Database}: {h.State}, target {TimeFormat.Utc(h.Target)}";

    /// <summary>A thread message; with <paramref name="outcome"/> its buttons are replaced by what became of them.</summary>
    public static JsonArray Thread(ThreadMessage message, string? outcome = null)
    {
        var room = Block.MaxBlocks - 2;
        var blocks = Mrkdwn.Split(Mrkdwn.Escape(message.Text), Block.MaxSectionText).Take(4).Select(Block.Section).ToList();
        if (message.Table is { Count: > 0 } table)
        {
            blocks.AddRange(ResultTable.Render(table, room - blocks.Count, message.RecoveryId));
        }

        if (outcome is not null)
        {
            blocks.Add(Block.Context($":ballot_box_with_check: {Mrkdwn.Escape(outcome)}"));
        }
        else if (RecoveryButtons.Render(message.Actions) is { } buttons)
        {
            blocks.Add(buttons);
        }

        return [.. blocks];
    }

    public static string ThreadText(ThreadMessage message) => Mrkdwn.Cut(message.Text, Block.MaxSectionText);

    public static JsonArray Alert(AlertCard card, DateTimeOffset? resolvedAt = null)
    {
        var blocks = new JsonArray(
            Block.Header($"{(resolvedAt is null ? "🚨" : "✅")} {card.AlertName} on {card.Database}"),
            Block.Section(Mrkdwn.Escape(card.Summary)),
            Block.Fields([
                ("Started", TimeFormat.Utc(card.StartsAt)),
                ("Suggested recovery point", $"*{TimeFormat.Utc(card.SuggestedTarget)}*\n{Mrkdwn.Escape(card.SuggestionSource)}"),
                ("Restorable window", card.Window?.ToString() ?? "unknown"),
            ]));
        if (resolvedAt is { } resolved)
        {
            blocks.Add(Block.Context($":white_check_mark: Resolved at {TimeFormat.Utc(resolved)}. No recovery was started from this alert."));
        }
        else
        {
            blocks.Add(Block.Context("Nothing starts until someone confirms: the button opens the plan with this time filled in."));
            blocks.Add(new JsonObject
            {
                ["type"] = "actions",
                ["block_id"] = RecoveryButtons.BlockId,
                ["elements"] = new JsonArray(new JsonObject
                {
                    ["type"] = "button",
                    ["action_id"] = SlackActionIds.StartFromAlert,
                    ["text"] = Block.Plain("Start recovery…", 75),
                    ["value"] = new StartValue(card.Database, card.SuggestedTarget).ToString(),
                }),
            });
        }

        return blocks;
    }

    public static string AlertText(AlertCard card) => $"{card.AlertName} on {card.Database}: {card.Summary}";

    private static string Icon(string state) => state switch
    {
        "Completed" or "Decommissioned" or "RolledBack" => "✅",
        "Failed" => "❌",
        "Aborted" => "⏹️",
        "AwaitingApproval" or "Requested" => "✋",
        _ => "⏳",
    };
}
