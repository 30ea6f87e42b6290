using Pitr.Domain.Ports;

namespace Pitr.Domain.Recoveries;

/// <summary>
/// The one way a recovery changes: load → check → fire → save with a version check → signal. A save
/// that loses a race is retried on the fresh state, where the check runs again: the second of two
/// simultaneous clicks is refused with what the first one did, and a step's outcome is dropped when a
/// person moved the recovery meanwhile.
/// </summary>
public sealed class RecoveryUnitOfWork(RecoveryRepository repository, IRecoverySignals signals)
{
    private const int Retries = 5;

    /// <param name="change">Fires on the recovery, or answers why it must not.</param>
    /// <param name="loaded">The recovery as already loaded by the caller, used for the first try.</param>
    public async ValueTask<RecoveryResult> RunAsync(
        string recoveryId, Func<Recovery, ValueTask<Refusal?>> change, CancellationToken cancellationToken, Recovery? loaded = null)
    {
        for (var attempt = 0; ; attempt++)
        {
            var recovery = attempt == 0 && loaded is not null ? loaded : await repository.FindAsync(recoveryId, cancellationToken);
            if (recovery is null)
            {
                return RecoveryResult.NotFound(recoveryId);
            }

            if (await change(recovery) is { } why)
            {
                return RecoveryResult.Rejected(why, recovery.Snapshot);
            }

            if (recovery.PendingAudit.Count == 0)
            {
                return RecoveryResult.Done(recovery.Snapshot);
            }

            try
            {
                await repository.SaveAsync(recovery, cancellationToken);
            }
            catch (ConcurrencyConflictException) when (attempt < Retries)
            {
                continue;
            }

            await signals.ChangedAsync(recoveryId, cancellationToken);
            return RecoveryResult.Done(recovery.Snapshot);
        }
    }

    /// <exception cref="RecoveryAlreadyActiveException">another recovery of the same database is active.</exception>
    public async ValueTask AddAsync(Recovery recovery, CancellationToken cancellationToken)
    {
        await repository.AddAsync(recovery, cancellationToken);
        await signals.ChangedAsync(recovery.Id, cancellationToken);
    }
}
