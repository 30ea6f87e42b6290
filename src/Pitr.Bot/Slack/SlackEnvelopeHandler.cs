using System.Text.Json;
using System.Text.Json.Nodes;
using Pitr.Adapters.Slack.SocketMode;

namespace Pitr.Bot.Slack;

/// <summary>
/// Socket Mode envelopes go to the same routers as the HTTP endpoints; their answer rides on the acknowledgement.
/// An envelope Slack sends again (after a reconnect with a click in flight) acts once, as an HTTP retry does.
/// </summary>
internal sealed class SlackEnvelopeHandler(SlashCommandRouter commands, InteractionRouter interactions, SlackRepeats repeats) : ISlackEnvelopeHandler
{
    public async Task<JsonObject?> HandleAsync(string type, JsonElement payload, CancellationToken cancellationToken)
    {
        if (await repeats.IsRepeatAsync(System.Text.Encoding.UTF8.GetBytes(payload.GetRawText()), cancellationToken))
        {
            return null;
        }

        var ack = type switch
        {
            "slash_commands" => SlashCommand.Parse(payload) is { } command ? commands.Route(command) : null,
            "interactive" => interactions.Route(payload),
            _ => null,
        };
        return ack?.Body;
    }
}
