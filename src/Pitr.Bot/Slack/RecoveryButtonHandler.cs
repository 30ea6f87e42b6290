using Mediator;
using Pitr.Adapters.Presentation;
using Pitr.Adapters.Slack;
using Pitr.Adapters.Slack.Blocks;
using Pitr.Domain;
using Pitr.Domain.Ports;
using Pitr.Domain.Recoveries;
using Pitr.Domain.Recoveries.Act;

namespace Pitr.Bot.Slack;

/// <summary>
/// The buttons on a recovery's messages. Each carries the recovery id and the state it was offered in; the
/// domain refuses a stale or not-permitted click and says why, so a double click makes one transition.
/// Reject opens a modal asking for an earlier time.
/// </summary>
internal sealed class RecoveryButtonHandler(ISender sender, IRecoveryStore store, SlackReplies replies, SlackWork work)
{
    /// <returns>Null when the button's value is not one the bot rendered.</returns>
    public SlackAck? Handle(ButtonClick click)
    {
        if (SlackActionIds.ActionOf(click.ActionId) is not { } action || ButtonValue.Parse(click.Value) is not { } value)
        {
            return null;
        }

        // Reject opens a modal that must carry the channel back: refuse at once what it could not carry.
        if (action == RecoveryTrigger.Reject && (click.By.Channel is not { } channel || ModalMetadata.TryJoin(channel) is null))
        {
            return null;
        }

        work.Run($"{action} button", async ct =>
        {
            if (!await replies.AdmitAsync(click.By, action.ToString(), value.RecoveryId, ct))
            {
                return;
            }

            if (action == RecoveryTrigger.Reject)
            {
                await OpenRejectModalAsync(click, value, ct);
                return;
            }

            var result = await sender.Send(new ActOnRecovery(value.RecoveryId, new PersonAction(action, click.By.Actor), value.OfferedIn), ct);
            if (!result.Succeeded)
            {
                await replies.EphemeralAsync(click.By, Presenter.Slack.Answers.Acted(result), ct);
            }
        });
        return SlackAck.Empty;
    }

    private async Task OpenRejectModalAsync(ButtonClick click, ButtonValue value, CancellationToken cancellationToken)
    {
        var recovery = await store.FindAsync(value.RecoveryId, cancellationToken);
        if (recovery is null || recovery.State != value.OfferedIn || click.TriggerId is null || click.By.Channel is null)
        {
            var now = recovery is null ? "gone" : $"now {recovery.State}";
            await replies.EphemeralAsync(click.By, $"That Reject button was for the {value.OfferedIn} step; recovery `{value.RecoveryId}` is {now}. Nothing was changed.", cancellationToken);
            return;
        }

        var attempt = recovery.CurrentAttempt;
        var metadata = ModalMetadata.TryJoin(recovery.Id, value.OfferedIn.ToString(), TimeFormat.Utc(attempt.Target), click.By.Channel)
            ?? throw new InvalidOperationException("Checked before the click was acknowledged.");
        await replies.OpenModalAsync(click.TriggerId, SlackViews.Reject(recovery.Id, attempt.Number, attempt.Target, metadata), click.By, cancellationToken);
    }
}
