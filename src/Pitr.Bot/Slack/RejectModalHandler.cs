using System.Globalization;
using Mediator;
using Pitr.Adapters.Presentation;
using Pitr.Adapters.Slack;
using Pitr.Adapters.Slack.Blocks;
using Pitr.Domain;
using Pitr.Domain.Recoveries;
using Pitr.Domain.Recoveries.Act;

namespace Pitr.Bot.Slack;

/// <summary>The Reject modal's submission: the new time is checked before the modal closes, then the restore is redone in the background.</summary>
internal sealed class RejectModalHandler(ISender sender, SlackReplies replies, SlackWork work)
{
    public const string CallbackId = SlackActionIds.RejectModal;

    /// <returns>Null when the submission is not one of the bot's Reject modals.</returns>
    public SlackAck? Handle(ModalSubmission submission)
    {
        if (ModalMetadata.Split(submission.Metadata, 4) is not [var id, var state, var rejected, var channel]
            || !Enum.TryParse<RecoveryState>(state, out var offeredIn)
            || !DateTimeOffset.TryParse(rejected, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var rejectedTarget))
        {
            return null;
        }

        if (!RecoveryTarget.TryParse(submission.Time, out var target, out var problem))
        {
            return SlackAck.FieldError(SlackViews.TimeBlockId, Presenter.Slack.Answers.Why(new InvalidTarget(submission.Time, problem)));
        }

        // Later times are the machine's to judge: only a restore paused at its target can replay on to one.
        if (target.Instant == rejectedTarget)
        {
            return SlackAck.FieldError(SlackViews.TimeBlockId, $"Give a time other than the rejected {TimeFormat.Utc(rejectedTarget)}, e.g. {TimeFormat.Utc(rejectedTarget.AddMinutes(-1))}.");
        }

        var person = submission.By with { Channel = channel };
        work.Run("Reject modal", async ct =>
        {
            if (!await replies.AdmitAsync(person, "Reject", id, ct))
            {
                return;
            }

            var result = await sender.Send(new ActOnRecovery(id, new PersonAction(RecoveryTrigger.Reject, person.Actor, target), offeredIn), ct);
            if (!result.Succeeded)
            {
                await replies.EphemeralAsync(person, Presenter.Slack.Answers.Acted(result), ct);
            }
        });
        return SlackAck.Empty;
    }
}
