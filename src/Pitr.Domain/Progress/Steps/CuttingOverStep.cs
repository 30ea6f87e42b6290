using Pitr.Domain.Ports;
using Pitr.Domain.Recoveries;

namespace Pitr.Domain.Progress.Steps;

/// <summary>Cutting over: points the connection secret at the restored database, keeping the previous version.</summary>
public sealed class CuttingOverStep(TimeProvider clock) : TimedStep(clock)
{
    public override RecoveryState State => RecoveryState.CuttingOver;

    protected override RecoveryPhase Phase => RecoveryPhase.Secret;

    protected override TimeSpan Limit(DatabasePolicy policy) => policy.CutoverTimeout;

    protected override async ValueTask<StepResult> RunWithinAsync(Recovery recovery, DatabaseBinding database, TimeSpan remaining, CancellationToken cancellationToken)
    {
        var change = await database.Secrets.PointAtAsync(recovery.Snapshot.CurrentAttempt.Endpoint!, cancellationToken);
        return StepResult.Then(r => r.SecretUpdatedAsync(change));
    }
}
