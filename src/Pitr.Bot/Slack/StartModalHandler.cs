using Mediator;
using Pitr.Adapters.Presentation;
using Pitr.Adapters.Slack;
using Pitr.Adapters.Slack.Blocks;
using Pitr.Domain.Recoveries;
using Pitr.Domain.Recoveries.Start;

namespace Pitr.Bot.Slack;

/// <summary>The Start modal's submission: the time is checked before the modal closes, then the plan is made as <c>/pitr start</c> would.</summary>
internal sealed class StartModalHandler(ISender sender, SlackReplies replies, SlackWork work)
{
    public const string CallbackId = SlackActionIds.StartModal;

    public SlackAck? Handle(ModalSubmission submission)
    {
        // The incident time the alert gave rides along; modals opened before it did carry two fields.
        if ((ModalMetadata.Split(submission.Metadata, 3) ?? ModalMetadata.Split(submission.Metadata, 2)) is not [var database, var channel, .. var rest])
        {
            return null;
        }

        DateTimeOffset? incidentAt = rest is [var incident] && DateTimeOffset.TryParse(incident, System.Globalization.CultureInfo.InvariantCulture, out var at) ? at : null;

        if (!RecoveryTarget.TryParse(submission.Time, out var target, out var problem))
        {
            return SlackAck.FieldError(SlackViews.TimeBlockId, Presenter.Slack.Answers.Why(new InvalidTarget(submission.Time, problem)));
        }

        var person = submission.By with { Channel = channel };
        work.Run("Start modal", async ct =>
        {
            if (!await replies.AdmitAsync(person, "Start", null, ct))
            {
                return;
            }

            var result = await sender.Send(new StartRecovery(database, target, person.Actor, channel, IncidentAt: incidentAt), ct);
            await replies.EphemeralAsync(person, Presenter.Slack.Answers.Planned(result), ct);
        });
        return SlackAck.Empty;
    }
}
