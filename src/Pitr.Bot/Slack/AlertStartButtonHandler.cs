using Pitr.Adapters.Slack;
using Pitr.Adapters.Slack.Blocks;
using Pitr.Domain;

namespace Pitr.Bot.Slack;

/// <summary>"Start recovery…" on an alert card: opens the Start modal with the suggested time filled in.</summary>
internal sealed class AlertStartButtonHandler(SlackReplies replies, SlackWork work)
{
    public const string ActionId = SlackActionIds.StartFromAlert;

    public SlackAck? Handle(ButtonClick click)
    {
        // Checked before the acknowledgement: what the modal could not carry back is refused at once (400), not in the background.
        if (StartValue.Parse(click.Value) is not { } value || click.TriggerId is not { } trigger
            || click.By.Channel is not { } channel
            || ModalMetadata.TryJoin([value.Database, channel, .. value.IncidentAt is { } incident ? [TimeFormat.Exact(incident)] : Array.Empty<string>()]) is not { } metadata)
        {
            return null;
        }

        work.Run("Start recovery button", async ct =>
        {
            if (await replies.AdmitAsync(click.By, "StartFromAlert", null, ct))
            {
                await replies.OpenModalAsync(trigger, SlackViews.Start(value.Database, value.Target, metadata), click.By, ct);
            }
        });
        return SlackAck.Empty;
    }
}
