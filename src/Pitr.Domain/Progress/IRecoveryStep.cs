using Pitr.Domain.Ports;
using Pitr.Domain.Recoveries;

namespace Pitr.Domain.Progress;

/// <summary>The work one state calls for, done through the ports. Safe to repeat: a step re-run after a crash asks before it acts.</summary>
public interface IRecoveryStep
{
    RecoveryState State { get; }

    ValueTask<StepResult> RunAsync(Recovery recovery, DatabaseBinding database, CancellationToken cancellationToken);
}
