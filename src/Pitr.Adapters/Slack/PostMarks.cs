using System.Globalization;
using System.Text.Json.Nodes;
using Pitr.Domain.Recoveries;

namespace Pitr.Adapters.Slack;

/// <summary>
/// Message metadata that marks a header or a step as the bot's own post for one recovery (and one audit entry),
/// so that after a crash between a post and its record the message can be found again instead of posted twice.
/// </summary>
internal static class PostMarks
{
    public const string HeaderType = "pitr_header";
    public const string StepType = "pitr_step";

    public static JsonObject Header(string recoveryId) =>
        new() { ["event_type"] = HeaderType, ["event_payload"] = new JsonObject { ["recovery_id"] = recoveryId } };

    public static JsonObject Step(AuditEntry entry) =>
        new()
        {
            ["event_type"] = StepType,
            ["event_payload"] = new JsonObject { ["recovery_id"] = entry.RecoveryId, ["seq"] = entry.Seq.ToString(CultureInfo.InvariantCulture) },
        };

    /// <summary>Whether a message from conversations.history / conversations.replies carries <paramref name="mark"/>.</summary>
    public static bool Carries(JsonNode? message, JsonObject mark) =>
        message?["metadata"] is JsonObject found
        && found["event_type"]?.ToString() == mark["event_type"]?.ToString()
        && JsonNode.DeepEquals(found["event_payload"], mark["event_payload"]);
}
