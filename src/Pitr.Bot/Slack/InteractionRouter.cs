using Pitr.Adapters.Slack;
using System.Text.Json;

namespace Pitr.Bot.Slack;

/// <summary>Routes interaction payloads: buttons by <c>action_id</c>, modal submissions by <c>callback_id</c>.</summary>
internal sealed class InteractionRouter(
    RecoveryButtonHandler recoveryButtons,
    AlertStartButtonHandler alertStart,
    RejectModalHandler rejectModal,
    StartModalHandler startModal)
{
    /// <returns>The acknowledgement, or null when the payload is malformed.</returns>
    public SlackAck? Route(JsonElement payload)
    {
        switch (SlackPerson.Text(payload, "type"))
        {
            case "block_actions":
                if (ButtonClick.Parse(payload) is not { } click)
                {
                    return null;
                }

                return click.ActionId switch
                {
                    AlertStartButtonHandler.ActionId => alertStart.Handle(click),
                    _ when SlackActionIds.ActionOf(click.ActionId) is not null => recoveryButtons.Handle(click),
                    _ => SlackAck.Empty,
                };
            case "view_submission":
                if (ModalSubmission.Parse(payload) is not { } submission)
                {
                    return null;
                }

                return submission.CallbackId switch
                {
                    RejectModalHandler.CallbackId => rejectModal.Handle(submission),
                    StartModalHandler.CallbackId => startModal.Handle(submission),
                    _ => SlackAck.Empty,
                };
            case "view_closed" or "shortcut" or "message_action" or "block_suggestion":
                return SlackAck.Empty;
            default:
                return null;
        }
    }
}
