using Pitr.Domain.Ports;
using Pitr.Domain.Recoveries;

namespace Pitr.Domain.Progress.Steps;

/// <summary>
/// Completed: the replaced database is kept for the post-mortem. When its retention ends, people are
/// reminded once; the bot never decommissions it on its own.
/// </summary>
public sealed class CompletedStep(RecoveryRules rules, TimeProvider clock) : IRecoveryStep
{
    private static readonly TimeSpan Idle = TimeSpan.FromHours(1);

    public RecoveryState State => RecoveryState.Completed;

    public ValueTask<StepResult> RunAsync(Recovery recovery, DatabaseBinding database, CancellationToken cancellationToken)
    {
        if (recovery.DecommissionReminderDue)
        {
            return ValueTask.FromResult(StepResult.Then(r => r.RemindDecommission()));
        }

        var untilDue = recovery.Snapshot.CompletedAt + rules.Retention - clock.GetUtcNow();
        return ValueTask.FromResult(StepResult.Wait(untilDue is { } wait && wait > TimeSpan.Zero && wait < Idle ? wait : Idle));
    }
}
