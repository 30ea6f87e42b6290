using Pitr.Domain.Ports;
using Pitr.Domain.Recoveries;
using Pitr.Domain.Recoveries.Events;

namespace Pitr.Domain.Progress;

/// <summary>
/// Advances one recovery by one step: runs the step its state calls for and feeds the outcome back
/// through the unit of work, then does the deletions that are due.
/// </summary>
public sealed class RecoveryStepper(
    RecoveryRepository repository,
    RecoveryUnitOfWork work,
    IDatabaseCatalog catalog,
    IEnumerable<IRecoveryStep> steps,
    DeletionSweeper sweeper)
{
    private readonly Dictionary<RecoveryState, IRecoveryStep> stepFor = steps.ToDictionary(s => s.State);

    /// <returns>How long to wait before looking at the recovery again.</returns>
    public async ValueTask<TimeSpan> AdvanceAsync(string id, CancellationToken cancellationToken)
    {
        if (await repository.FindAsync(id, cancellationToken) is not { } recovery)
        {
            return Timeout.InfiniteTimeSpan;
        }

        var name = recovery.Snapshot.Database;
        if (catalog.Find(name) is not { } database)
        {
            return recovery.IsWorking
                ? await ApplyAsync(recovery, r => r.StepFailedAsync(new DatabaseUnconfigured(name)), cancellationToken)
                : Timeout.InfiniteTimeSpan;
        }

        // Every step works with the engine restoring from the database this recovery planned to restore from.
        database = database with { Restorer = database.Restorer.From(recovery.Snapshot.SourceIdentifier) };
        var next = stepFor.TryGetValue(recovery.State, out var step)
            ? await StepAsync(step, recovery, database, cancellationToken)
            : recovery.Snapshot.IsOpen() ? database.Policy.PollInterval : Timeout.InfiniteTimeSpan;
        await sweeper.SweepAsync(id, database, cancellationToken);
        return next;
    }

    private async ValueTask<TimeSpan> StepAsync(IRecoveryStep step, Recovery recovery, DatabaseBinding database, CancellationToken cancellationToken)
    {
        StepResult result;
        try
        {
            result = await step.RunAsync(recovery, database, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException && recovery.IsWorking)
        {
            result = StepResult.Then(r => r.StepFailedAsync(new StepFailed(e.Message)));
        }

        return result switch
        {
            WaitFor wait => wait.Delay,
            Outcome outcome => await ApplyAsync(recovery, outcome.Apply, cancellationToken),
            _ => throw new InvalidOperationException($"Unknown step result {result}."),
        };
    }

    /// <summary>Feeds an outcome back, unless a person moved the recovery while the step ran; then the next step starts from what they did.</summary>
    private async ValueTask<TimeSpan> ApplyAsync(Recovery recovery, Func<Recovery, Task> apply, CancellationToken cancellationToken)
    {
        var ranIn = recovery.State;
        await work.RunAsync(recovery.Id, async r =>
        {
            if (r.State != ranIn)
            {
                return new MovedOn(ranIn, r.State);
            }

            await apply(r);
            return null;
        }, cancellationToken, loaded: recovery);
        return TimeSpan.Zero;
    }
}
