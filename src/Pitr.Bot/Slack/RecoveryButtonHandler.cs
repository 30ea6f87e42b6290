using Mediator;
using Pitr.Adapters.Slack;
using Pitr.Adapters.Slack.Blocks;
using Pitr.Domain;
using Pitr.Domain.Ports;
using Pitr.Domain.Recoveries;
using Pitr.Domain.Recoveries.Abort;
using Pitr.Domain.Recoveries.Approve;
using Pitr.Domain.Recoveries.Cancel;
using Pitr.Domain.Recoveries.Confirm;
using Pitr.Domain.Recoveries.Decommission;
using Pitr.Domain.Recoveries.Retry;
using Pitr.Domain.Recoveries.Rollback;

namespace Pitr.Bot.Slack;

/// <summary>
/// The buttons on a recovery's messages. Each carries the recovery id and the state it was offered in; the
/// domain refuses a stale or not-permitted click and says why, so a double click makes one transition.
/// Reject opens a modal asking for an earlier time.
/// </summary>
internal sealed class RecoveryButtonHandler(ISender sender, IRecoveryStore store, SlackReplies replies, SlackWork work)
{
    /// <summary>The <c>action_id</c> of every recovery button, and what it does.</summary>
    public static readonly IReadOnlyDictionary<string, RecoveryActionKind> ActionIds =
        Enum.GetValues<RecoveryActionKind>().ToDictionary(SlackActionIds.Of);

    /// <returns>Null when the button's value is not one the bot rendered.</returns>
    public SlackAck? Handle(ButtonClick click)
    {
        if (!ActionIds.TryGetValue(click.ActionId, out var kind) || ButtonValue.Parse(click.Value) is not { } value)
        {
            return null;
        }

        work.Run($"{kind} button", async ct =>
        {
            if (!await replies.AdmitAsync(click.By, kind.ToString(), value.RecoveryId, ct))
            {
                return;
            }

            if (kind == RecoveryActionKind.Reject)
            {
                await OpenRejectModalAsync(click, value, ct);
                return;
            }

            var result = await sender.Send(Command(kind, value, click.By.Actor), ct);
            if (!result.Succeeded)
            {
                await replies.EphemeralAsync(click.By, $":no_entry: {result.Message}", ct);
            }
        });
        return SlackAck.Empty;
    }

    private static ICommand<CommandResult> Command(RecoveryActionKind kind, ButtonValue value, Actor by) => kind switch
    {
        RecoveryActionKind.Confirm => new ConfirmRecovery(value.RecoveryId, by, value.OfferedInState),
        RecoveryActionKind.Cancel => new CancelRecovery(value.RecoveryId, by, value.OfferedInState),
        RecoveryActionKind.Approve => new ApproveCutover(value.RecoveryId, by, value.OfferedInState),
        RecoveryActionKind.Abort => new AbortRecovery(value.RecoveryId, by, value.OfferedInState),
        RecoveryActionKind.Retry => new RetryRecovery(value.RecoveryId, by, value.OfferedInState),
        RecoveryActionKind.Rollback => new RollbackRecovery(value.RecoveryId, by, $"rollback requested by {by}", value.OfferedInState),
        RecoveryActionKind.Decommission => new DecommissionRecovery(value.RecoveryId, by, value.OfferedInState),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "has no button command"),
    };

    private async Task OpenRejectModalAsync(ButtonClick click, ButtonValue value, CancellationToken cancellationToken)
    {
        var recovery = await store.FindAsync(value.RecoveryId, cancellationToken);
        if (recovery is null || recovery.State.ToString() != value.OfferedInState || click.TriggerId is null || click.By.Channel is null)
        {
            var now = recovery is null ? "gone" : $"now {recovery.State}";
            await replies.EphemeralAsync(click.By, $"That Reject button was for the {value.OfferedInState} step; recovery `{value.RecoveryId}` is {now}. Nothing was changed.", cancellationToken);
            return;
        }

        var attempt = recovery.CurrentAttempt;
        var metadata = ModalMetadata.Join(recovery.Id, value.OfferedInState, TimeFormat.Utc(attempt.Target), click.By.Channel);
        await replies.OpenModalAsync(click.TriggerId, SlackViews.Reject(recovery.Id, attempt.Number, attempt.Target, metadata), click.By, cancellationToken);
    }
}
