using Pitr.Domain.Ports;
using Pitr.Domain.Recoveries;

namespace Pitr.Domain.Progress.Steps;

/// <summary>Restarting: rolls every workload onto the new secret and waits for each rollout.</summary>
public sealed class RestartingStep(WorkloadRestarts restarts, TimeProvider clock) : TimedStep(clock)
{
    public override RecoveryState State => RecoveryState.Restarting;

    protected override RecoveryPhase Phase => RecoveryPhase.Rollout;

    protected override TimeSpan ReportSlack => WorkloadRestarts.ReportSlack;

    protected override TimeSpan Limit(DatabasePolicy policy) => policy.RolloutTimeout;

    protected override async ValueTask<StepResult> RunWithinAsync(Recovery recovery, DatabaseBinding database, TimeSpan remaining, CancellationToken cancellationToken)
    {
        var report = await restarts.RestartAsync(recovery, database, remaining, cancellationToken);
        return StepResult.Then(r => r.RolloutFinishedAsync(report));
    }
}
