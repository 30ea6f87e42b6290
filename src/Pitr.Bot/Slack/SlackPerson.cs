using System.Text.Json;
using Pitr.Domain.Recoveries;

namespace Pitr.Bot.Slack;

/// <summary>Who sent a Slack request, and from where.</summary>
internal sealed record SlackPerson(string UserId, string UserName, string? Channel)
{
    public Actor Actor => new(UserId, UserName);

    /// <summary>The <c>user</c> (and <c>channel</c>) of an interaction payload.</summary>
    public static SlackPerson? From(JsonElement payload)
    {
        if (!payload.TryGetProperty("user", out var user) || user.ValueKind != JsonValueKind.Object || Text(user, "id") is not { } id)
        {
            return null;
        }

        var name = Text(user, "username") ?? Text(user, "name") ?? id;
        var channel = payload.TryGetProperty("channel", out var c) && c.ValueKind == JsonValueKind.Object ? Text(c, "id") : null;
        return new SlackPerson(id, name, channel);
    }

    public static string? Text(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
