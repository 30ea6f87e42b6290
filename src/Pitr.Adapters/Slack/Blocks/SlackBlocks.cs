using System.Text.Json.Nodes;
using Pitr.Domain;
using Pitr.Adapters.Presentation;
using Pitr.Domain.Ports;
using Pitr.Domain.Recoveries;

namespace Pitr.Adapters.Slack.Blocks;

/// <summary>Renders the header, thread messages and alert cards as Block Kit, within Slack's limits (50 blocks, 3000 characters a section).</summary>
public static class SlackBlocks
{
    private static readonly RecoveryNarrative Narrative = new(TextStyle.Slack);

    public static JsonArray Header(RecoveryView view)
    {
        var r = view.Recovery;
        var kind = r.IsDrill ? "DR drill" : "Point-in-time recovery";
        var end = r.CompletedAt ?? (RecoveryStates.IsTerminal(r.State) ? r.Phases[^1].EnteredAt : view.Now);
        var blocks = new List<JsonObject>
        {
            Block.Header($"{Icon(r.State)} {kind} of {r.Database}: {r.State}"),
            Block.Fields([
                ("State", r.State.ToString()),
                ("Database", $"`{Mrkdwn.Escape(r.Database)}`"),
                ("Target", TimeFormat.Exact(r.CurrentAttempt.Target)),
                ("Attempt", r.CurrentAttempt.Number.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                ("Started by", TextStyle.Slack.Person(r.Initiator)),
                ("RTO clock", $"{TimeFormat.Duration(end - r.RequestedAt)} · started {Mrkdwn.Date(r.RequestedAt, "{ago}")}"),
            ]),
        };
        if (r.Trouble is { } trouble)
        {
            blocks.Add(Block.Section($":warning: *Problem:* {Narrative.Trouble(trouble)}"));
        }

        blocks.Add(Block.Context($"Recovery `{Mrkdwn.Escape(r.Id)}`", r.LastPersonAction is { } last ? $"Last: {Narrative.LastAction(last)}" : "Steps follow in the thread."));
        if (RecoveryButtons.Render(view.Actions) is { } buttons)
        {
            blocks.Add(buttons);
        }

        return [.. blocks];
    }

    public static string HeaderText(RecoveryView view) =>
        $"{(view.Recovery.IsDrill ? "DR drill" : "Recovery")} {view.Recovery.Id} of {Mrkdwn.Escape(view.Recovery.Database)}: {view.Recovery.State}, target {TimeFormat.Exact(view.Recovery.CurrentAttempt.Target)}";

    /// <summary>A thread message, already marked up (people's text escaped once, mentions as Slack writes them); with <paramref name="outcome"/> its buttons are replaced by what became of them.</summary>
    public static JsonArray Thread(ThreadMessage message, string? outcome = null)
    {
        var room = Block.MaxBlocks - 2;
        var blocks = Mrkdwn.Split(message.Text, Block.MaxSectionText).Take(4).Select(Block.Section).ToList();
        if (message.Table is { Count: > 0 } table)
        {
            blocks.AddRange(ResultTable.Render(table, room - blocks.Count, message.RecoveryId));
        }

        if (outcome is not null)
        {
            blocks.Add(Block.Context($":ballot_box_with_check: {outcome}"));
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
                    ["value"] = new StartValue(card.Database, card.SuggestedTarget, card.StartsAt).ToString(),
                }),
            });
        }

        return blocks;
    }

    public static string AlertText(AlertCard card) => $"{card.AlertName} on {card.Database}: {card.Summary}";

    private static string Icon(RecoveryState state) => state switch
    {
        RecoveryState.Completed or RecoveryState.Decommissioned or RecoveryState.RolledBack => "✅",
        RecoveryState.Failed => "❌",
        RecoveryState.Aborted => "⏹️",
        RecoveryState.AwaitingApproval or RecoveryState.Requested => "✋",
        _ => "⏳",
    };
}
