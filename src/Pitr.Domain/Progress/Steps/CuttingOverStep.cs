using Pitr.Domain.Ports;
using Pitr.Domain.Recoveries;

namespace Pitr.Domain.Progress.Steps;

/// <summary>Cutting over: promotes the restored database (when paused at its target), then points the connection secret at it, keeping the previous version.</summary>
public sealed class CuttingOverStep(TimeProvider clock) : TimedStep(clock)
{
    public override RecoveryState State => RecoveryState.CuttingOver;

    protected override RecoveryPhase Phase => RecoveryPhase.Secret;

    protected override TimeSpan Limit(DatabasePolicy policy) => policy.CutoverTimeout;

    protected override async ValueTask<StepResult> RunWithinAsync(Recovery recovery, DatabaseBinding database, TimeSpan remaining, CancellationToken cancellationToken)
    {
        // A restore paused at its target is read-only: it is promoted first, and the secret moves only once it is.
        var attempt = recovery.Snapshot.CurrentAttempt;
        await database.Restorer.PromoteAsync(attempt.Identifier, cancellationToken);
        var change = await database.Secrets.PointAtAsync(attempt.Endpoint!, cancellationToken);
        return StepResult.Then(r => r.SecretUpdatedAsync(change));
    }
}
