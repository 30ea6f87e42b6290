using Pitr.Domain.Ports;
using Pitr.Domain.Recoveries;

namespace Pitr.Domain.Progress;

/// <summary>
/// A step that must finish within its phase's limit, measured from when the state was entered (so a step
/// resumed after a crash gets only what remains). Running out of time is an outcome like any other.
/// </summary>
public abstract class TimedStep(TimeProvider clock) : IRecoveryStep
{
    public abstract RecoveryState State { get; }

    protected abstract RecoveryPhase Phase { get; }

    protected abstract TimeSpan Limit(DatabasePolicy policy);

    /// <summary>
    /// Adapters given a timeout report what they saw when it expires (which workload, which query); the
    /// step's own deadline comes this much later so that report, not a bare timeout, decides.
    /// </summary>
    protected virtual TimeSpan ReportSlack => TimeSpan.Zero;

    /// <param name="remaining">What is left of the phase's limit, to hand to adapters that take a timeout.</param>
    protected abstract ValueTask<StepResult> RunWithinAsync(Recovery recovery, DatabaseBinding database, TimeSpan remaining, CancellationToken cancellationToken);

    public async ValueTask<StepResult> RunAsync(Recovery recovery, DatabaseBinding database, CancellationToken cancellationToken)
    {
        var limit = Limit(database.Policy);
        var remaining = limit - (clock.GetUtcNow() - recovery.StateEnteredAt);
        if (remaining + ReportSlack <= TimeSpan.Zero)
        {
            return TimedOut(limit);
        }

        using var deadline = new CancellationTokenSource(remaining + ReportSlack, clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            return await RunWithinAsync(recovery, database, remaining, linked.Token);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return TimedOut(limit);
        }
    }

    private StepResult TimedOut(TimeSpan limit) => StepResult.Then(r => r.TimedOutAsync(Phase, limit));
}
