using System.Text.Json.Nodes;

namespace Pitr.Bot.Slack;

/// <summary>The immediate answer to a Slack request: HTTP response body, or the payload of a Socket Mode acknowledgement.</summary>
internal sealed record SlackAck(JsonObject? Body)
{
    public static readonly SlackAck Empty = new((JsonObject?)null);

    /// <summary>Only the person who typed the command sees it.</summary>
    public static SlackAck Ephemeral(string text) => new(new JsonObject { ["response_type"] = "ephemeral", ["text"] = text });

    /// <summary>Keeps the modal open with an error under the field.</summary>
    public static SlackAck FieldError(string blockId, string error) =>
        new(new JsonObject { ["response_action"] = "errors", ["errors"] = new JsonObject { [blockId] = error } });
}
