using Pitr.Domain.Ports;
using Pitr.Domain.Recoveries;

namespace Pitr.Domain.Progress;

/// <summary>
/// Deletes the databases a recovery scheduled for deletion once they are due; a refused deletion is reported and tried
/// again later, one the engine refuses for good (a missing permission) is reported once and left to a person.
/// </summary>
public sealed class DeletionSweeper(RecoveryRepository repository, RecoveryUnitOfWork work, TimeProvider clock)
{
    // A refused deletion (protected database, missing permission) rarely fixes itself within minutes.
    private static readonly TimeSpan DeletionRetry = TimeSpan.FromHours(1);

    public async ValueTask SweepAsync(string id, DatabaseBinding database, CancellationToken cancellationToken)
    {
        var recovery = await repository.FindAsync(id, cancellationToken);
        var due = recovery?.Snapshot.Deletions.Where(d => d.IsPending && d.DueAt <= clock.GetUtcNow()).ToList() ?? [];
        foreach (var deletion in due)
        {
            Action<Recovery> outcome;
            try
            {
                await database.Restorer.DeleteAsync(deletion.Identifier, cancellationToken);
                outcome = r => r.DeletionDone(deletion.Identifier);
            }
            catch (DeletionRefusedException e)
            {
                outcome = r => r.DeletionRefused(deletion.Identifier, e.Message);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                var retryAt = clock.GetUtcNow() + DeletionRetry;
                outcome = r => r.DeletionFailed(deletion.Identifier, e.Message, retryAt);
            }

            await work.RunAsync(id, r =>
            {
                outcome(r);
                return ValueTask.FromResult<Refusal?>(null);
            }, cancellationToken);
        }
    }
}
