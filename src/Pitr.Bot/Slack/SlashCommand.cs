using System.Text.Json;

namespace Pitr.Bot.Slack;

/// <summary>A <c>/pitr …</c> command as Slack sends it (form fields over HTTP, a JSON object over Socket Mode).</summary>
internal sealed record SlashCommand(string Command, string Text, SlackPerson From)
{
    public static SlashCommand? Parse(Func<string, string?> field)
    {
        var command = field("command");
        var user = field("user_id");
        var channel = field("channel_id");
        if (string.IsNullOrEmpty(command) || string.IsNullOrEmpty(user) || string.IsNullOrEmpty(channel))
        {
            return null;
        }

        var text = field("text") ?? "";
        return text.Length > 2000 ? null : new SlashCommand(command, text.Trim(), new SlackPerson(user, field("user_name") ?? user, channel));
    }

    public static SlashCommand? Parse(JsonElement payload) =>
        payload.ValueKind == JsonValueKind.Object ? Parse(name => SlackPerson.Text(payload, name)) : null;
}
