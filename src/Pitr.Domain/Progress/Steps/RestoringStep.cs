using System.Globalization;
using Pitr.Domain.Ports;
using Pitr.Domain.Recoveries;

namespace Pitr.Domain.Progress.Steps;

/// <summary>
/// Restoring: asks the engine before it acts, so a restore already under way (after a crash) is found
/// rather than started twice (a replay continued to a later target is asked for first, and idempotently); asks again as soon as the engine suggests (the poll interval when it has no say)
/// until the restore is available or the restore timeout has passed.
/// </summary>
public sealed class RestoringStep(TimeProvider clock) : IRecoveryStep
{
    public RecoveryState State => RecoveryState.Restoring;

    public async ValueTask<StepResult> RunAsync(Recovery recovery, DatabaseBinding database, CancellationToken cancellationToken)
    {
        var attempt = recovery.Snapshot.CurrentAttempt;
        var limit = database.Policy.RestoreTimeout;
        if (clock.GetUtcNow() - recovery.StateEnteredAt > limit)
        {
            return StepResult.Then(r => r.TimedOutAsync(RecoveryPhase.Restore, limit));
        }

        if (attempt is { Method: RestoreMethod.ContinuedReplay, RequestedAt: null })
        {
            // Before any status: until it is retargeted, the server still says it is paused at the rejected target.
            await database.Restorer.ContinueRestoreAsync(Request(recovery.Snapshot), cancellationToken);
            return StepResult.Then(r => r.RestoreRequested());
        }

        var status = await database.Restorer.GetRestoreStatusAsync(attempt.Identifier, cancellationToken);
        switch (status.Phase)
        {
            case RestorePhase.Available when status.Endpoint is { } endpoint:
                return StepResult.Then(r => r.RestoreAvailableAsync(endpoint, status.PausedAtTarget));
            case RestorePhase.Failed:
                return StepResult.Then(r => r.RestoreFailedAsync(status.Detail));
            case RestorePhase.NotFound:
                await database.Restorer.StartRestoreAsync(Request(recovery.Snapshot), cancellationToken);
                return attempt.RequestedAt is null ? StepResult.Then(r => r.RestoreRequested()) : StepResult.Wait(TimeSpan.Zero);
            default:
                return StepResult.Wait(status.RecheckAfter ?? database.Policy.PollInterval);
        }
    }

    private static RestoreRequest Request(RecoverySnapshot recovery) =>
        new(recovery.CurrentAttempt.Identifier, recovery.CurrentAttempt.Target, Tags(recovery));

    /// <summary>Tags that let the engine's adapter tell our restores from anyone else's.</summary>
    private static Dictionary<string, string> Tags(RecoverySnapshot recovery) => new()
    {
        ["pitr:recovery"] = recovery.Id,
        ["pitr:attempt"] = recovery.CurrentAttempt.Number.ToString(CultureInfo.InvariantCulture),
        ["pitr:target"] = TimeFormat.Utc(recovery.CurrentAttempt.Target),
        ["pitr:initiator"] = recovery.Initiator.Name,
    };
}
