using System.Text.Json;
using System.Text.Json.Nodes;

namespace Pitr.Adapters.Slack.SocketMode;

/// <summary>What the bot does with an envelope that arrived over Socket Mode: the same handlers as the HTTP endpoints.</summary>
public interface ISlackEnvelopeHandler
{
    /// <summary>Answers at once (the work itself continues in the background).</summary>
    /// <param name="type"><c>slash_commands</c>, <c>interactive</c> or <c>events_api</c>.</param>
    /// <returns>The payload sent back with the acknowledgement (an ephemeral reply, modal errors), or null.</returns>
    Task<JsonObject?> HandleAsync(string type, JsonElement payload, CancellationToken cancellationToken);
}
