using Pitr.Adapters.Slack;
using Pitr.Adapters.Slack.Blocks;

namespace Pitr.Bot.Slack;

/// <summary>"Start recovery…" on an alert card: opens the Start modal with the suggested time filled in.</summary>
internal sealed class AlertStartButtonHandler(SlackReplies replies, SlackWork work)
{
    public const string ActionId = SlackActionIds.StartFromAlert;

    public SlackAck? Handle(ButtonClick click)
    {
        if (StartValue.Parse(click.Value) is not { } value || click.TriggerId is not { } trigger || click.By.Channel is not { } channel)
        {
            return null;
        }

        work.Run("Start recovery button", async ct =>
        {
            if (await replies.AdmitAsync(click.By, "StartFromAlert", null, ct))
            {
                await replies.OpenModalAsync(trigger, SlackViews.Start(value.Database, value.Target, ModalMetadata.Join(value.Database, channel)), click.By, ct);
            }
        });
        return SlackAck.Empty;
    }
}
