using System.Text.Json;
using System.Text.Json.Nodes;
using Pitr.Adapters.Slack.SocketMode;

namespace Pitr.Bot.Slack;

/// <summary>Socket Mode envelopes go to the same routers as the HTTP endpoints; their answer rides on the acknowledgement.</summary>
internal sealed class SlackEnvelopeHandler(SlashCommandRouter commands, InteractionRouter interactions) : ISlackEnvelopeHandler
{
    public Task<JsonObject?> HandleAsync(string type, JsonElement payload, CancellationToken cancellationToken)
    {
        var ack = type switch
        {
            "slash_commands" => SlashCommand.Parse(payload) is { } command ? commands.Route(command) : null,
            "interactive" => interactions.Route(payload),
            _ => null,
        };
        return Task.FromResult(ack?.Body);
    }
}
