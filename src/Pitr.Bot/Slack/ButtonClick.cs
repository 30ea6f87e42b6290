using System.Text.Json;

namespace Pitr.Bot.Slack;

/// <summary>One button press from a <c>block_actions</c> payload.</summary>
internal sealed record ButtonClick(string ActionId, string? Value, string? TriggerId, SlackPerson By)
{
    public static ButtonClick? Parse(JsonElement payload)
    {
        if (SlackPerson.From(payload) is not { } person
            || !payload.TryGetProperty("actions", out var actions) || actions.ValueKind != JsonValueKind.Array || actions.GetArrayLength() == 0
            || SlackPerson.Text(actions[0], "action_id") is not { } actionId)
        {
            return null;
        }

        return new ButtonClick(actionId, SlackPerson.Text(actions[0], "value"), SlackPerson.Text(payload, "trigger_id"), person);
    }
}
