using System.Text.Json.Nodes;
using Pitr.Domain;

namespace Pitr.Adapters.Slack.Blocks;

/// <summary>The modals: Reject (asks for an earlier time) and Start (from an alert card, time pre-filled).</summary>
public static class SlackViews
{
    /// <summary>The input every modal asks for; its value is at <c>view.state.values.target.time.value</c>.</summary>
    public const string TimeBlockId = "target";
    public const string TimeActionId = "time";

    public static JsonObject Reject(string recoveryId, int attempt, DateTimeOffset rejectedTarget, string metadata) => Modal(
        SlackActionIds.RejectModal,
        "Reject and restore again",
        "Restore again",
        metadata,
        Block.Section($"Attempt {attempt} of recovery `{Mrkdwn.Escape(recoveryId)}` was restored to *{TimeFormat.Utc(rejectedTarget)}*. " +
                      "An earlier time makes a new restore (this one is deleted); a later time replays a restore paused at its target on, without a new copy."),
        TimeInput("Time to restore to", rejectedTarget.AddMinutes(-1)));

    public static JsonObject Start(string database, DateTimeOffset suggested, string metadata) => Modal(
        SlackActionIds.StartModal,
        "Start a recovery",
        "Show the plan",
        metadata,
        Block.Section($"Plan a point-in-time recovery of `{Mrkdwn.Escape(database)}`. Nothing is restored until someone presses *Confirm restore* on the plan."),
        TimeInput("Time to restore to", suggested));

    private static JsonObject TimeInput(string label, DateTimeOffset initial) => new()
    {
        ["type"] = "input",
        ["block_id"] = TimeBlockId,
        ["label"] = Block.Plain(label, 2000),
        ["hint"] = Block.Plain("ISO-8601 with an offset, e.g. 2024-05-01T10:32:15Z or 2024-05-01T12:32:15+02:00", 2000),
        ["element"] = new JsonObject
        {
            ["type"] = "plain_text_input",
            ["action_id"] = TimeActionId,
            ["initial_value"] = TimeFormat.Utc(initial),
            ["max_length"] = 40,
        },
    };

    private static JsonObject Modal(string callbackId, string title, string submit, string metadata, params JsonObject[] blocks) => new()
    {
        ["type"] = "modal",
        ["callback_id"] = callbackId,
        ["title"] = Block.Plain(title, 24),
        ["submit"] = Block.Plain(submit, 24),
        ["close"] = Block.Plain("Cancel", 24),
        ["private_metadata"] = Mrkdwn.Cut(metadata, 3000),
        ["blocks"] = new JsonArray([.. blocks]),
    };
}
