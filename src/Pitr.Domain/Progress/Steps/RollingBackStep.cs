using Pitr.Domain.Ports;
using Pitr.Domain.Recoveries;
using Pitr.Domain.Recoveries.Events;

namespace Pitr.Domain.Progress.Steps;

/// <summary>Rolling back: makes the previous secret version current again and restarts the workloads onto it.</summary>
public sealed class RollingBackStep(WorkloadRestarts restarts, TimeProvider clock) : TimedStep(clock)
{
    public override RecoveryState State => RecoveryState.RollingBack;

    protected override RecoveryPhase Phase => RecoveryPhase.Rollback;

    protected override TimeSpan ReportSlack => WorkloadRestarts.ReportSlack;

    protected override TimeSpan Limit(DatabasePolicy policy) => policy.RollbackTimeout;

    protected override async ValueTask<StepResult> RunWithinAsync(Recovery recovery, DatabaseBinding database, TimeSpan remaining, CancellationToken cancellationToken)
    {
        if (recovery.Snapshot.SecretChange is { } change)
        {
            await database.Secrets.RevertAsync(change, cancellationToken);
        }

        var report = await restarts.RestartAsync(recovery, database, remaining, cancellationToken);
        return report.Succeeded
            ? StepResult.Then(r => r.RollbackCompletedAsync(report))
            : StepResult.Then(r => r.StepFailedAsync(new RolloutFailed(report)));
    }
}
