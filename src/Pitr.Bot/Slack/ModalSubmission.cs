using System.Text.Json;
using Pitr.Adapters.Slack.Blocks;

namespace Pitr.Bot.Slack;

/// <summary>A <c>view_submission</c>: which modal, what it remembered, and the time typed into it.</summary>
internal sealed record ModalSubmission(string CallbackId, string? Metadata, string? Time, SlackPerson By)
{
    public static ModalSubmission? Parse(JsonElement payload)
    {
        if (SlackPerson.From(payload) is not { } person || !payload.TryGetProperty("view", out var view)
            || SlackPerson.Text(view, "callback_id") is not { } callbackId)
        {
            return null;
        }

        string? time = null;
        if (view.TryGetProperty("state", out var state) && state.ValueKind == JsonValueKind.Object
            && state.TryGetProperty("values", out var values) && values.ValueKind == JsonValueKind.Object
            && values.TryGetProperty(SlackViews.TimeBlockId, out var block) && block.ValueKind == JsonValueKind.Object
            && block.TryGetProperty(SlackViews.TimeActionId, out var input))
        {
            time = SlackPerson.Text(input, "value");
        }

        return new ModalSubmission(callbackId, SlackPerson.Text(view, "private_metadata"), time, person);
    }
}
