using Pitr.Domain.Ports;
using Pitr.Domain.Recoveries;

namespace Pitr.Domain.Progress.Steps;

/// <summary>Completed: once the retention has passed, the replaced database is decommissioned.</summary>
public sealed class CompletedStep(RecoveryRules rules, TimeProvider clock) : IRecoveryStep
{
    public RecoveryState State => RecoveryState.Completed;

    public ValueTask<StepResult> RunAsync(Recovery recovery, DatabaseBinding database, CancellationToken cancellationToken)
    {
        var r = recovery.Snapshot;
        var due = r.CompletedAt + rules.Retention;
        return ValueTask.FromResult(r.Mode == RecoveryMode.Recovery && due <= clock.GetUtcNow()
            ? StepResult.Then(x => x.ActAsync(new PersonAction(RecoveryTrigger.Decommission, Actor.Bot)))
            : StepResult.Wait(TimeSpan.FromMinutes(1)));
    }
}
