using Pitr.Domain.Ports;
using Pitr.Domain.Recoveries;

namespace Pitr.Domain.Progress.Steps;

/// <summary>Awaiting approval: people decide, unless the recovery was planned to approve itself and the machine lets the bot.</summary>
public sealed class AwaitingApprovalStep : IRecoveryStep
{
    public RecoveryState State => RecoveryState.AwaitingApproval;

    public ValueTask<StepResult> RunAsync(Recovery recovery, DatabaseBinding database, CancellationToken cancellationToken) =>
        ValueTask.FromResult(recovery.MayApproveAutomatically
            ? StepResult.Then(r => r.ActAsync(new PersonAction(RecoveryTrigger.Approve, Actor.Bot)))
            : StepResult.Wait(database.Policy.PollInterval));
}
