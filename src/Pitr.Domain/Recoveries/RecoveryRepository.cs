using Pitr.Domain.Ports;

namespace Pitr.Domain.Recoveries;

/// <summary>Loads recoveries as aggregates and saves them with their audit entries.</summary>
public sealed class RecoveryRepository(IRecoveryStore store, RecoveryRules rules, TimeProvider clock)
{
    public async ValueTask<Recovery?> FindAsync(string id, CancellationToken cancellationToken) =>
        await store.FindAsync(id, cancellationToken) is { } snapshot ? Recovery.Load(snapshot, rules, clock) : null;

    /// <exception cref="RecoveryAlreadyActiveException">another recovery of the same database is active.</exception>
    public async ValueTask AddAsync(Recovery recovery, CancellationToken cancellationToken)
    {
        await store.AddAsync(recovery.Snapshot with { Version = 1 }, recovery.PendingAudit, cancellationToken);
        recovery.MarkSaved(1);
    }

    /// <exception cref="ConcurrencyConflictException">somebody saved the recovery since it was loaded.</exception>
    public async ValueTask SaveAsync(Recovery recovery, CancellationToken cancellationToken)
    {
        var version = recovery.Snapshot.Version + 1;
        await store.SaveAsync(recovery.Snapshot with { Version = version }, recovery.PendingAudit, cancellationToken);
        recovery.MarkSaved(version);
    }
}
