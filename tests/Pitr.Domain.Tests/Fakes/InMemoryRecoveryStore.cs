using Pitr.Domain.Ports;
using Pitr.Domain.Recoveries;

namespace Pitr.Domain.Tests.Fakes;

/// <summary>The store contract in memory: version check, one active recovery per database, append-only audit numbered in order.</summary>
public sealed class InMemoryRecoveryStore : IRecoveryStore
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, RecoverySnapshot> recoveries = [];
    private readonly List<AuditEntry> trail = [];
    private long seq;

    public ValueTask AddAsync(RecoverySnapshot recovery, IReadOnlyList<AuditEntry> audit, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (recoveries.Values.FirstOrDefault(r => r.Database == recovery.Database && RecoveryStates.BlocksNewRecovery(r.State)) is { } active)
            {
                throw new RecoveryAlreadyActiveException(recovery.Database, active.Id);
            }

            recoveries[recovery.Id] = recovery;
            Append(audit);
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask SaveAsync(RecoverySnapshot recovery, IReadOnlyList<AuditEntry> audit, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (recoveries[recovery.Id].Version != recovery.Version - 1)
            {
                throw new ConcurrencyConflictException(recovery.Id);
            }

            recoveries[recovery.Id] = recovery;
            Append(audit);
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask<RecoverySnapshot?> FindAsync(string id, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return ValueTask.FromResult(recoveries.GetValueOrDefault(id));
        }
    }

    public ValueTask<RecoverySnapshot?> FindActiveAsync(string database, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return ValueTask.FromResult(recoveries.Values.FirstOrDefault(r => r.Database == database && RecoveryStates.BlocksNewRecovery(r.State)));
        }
    }

    public ValueTask<IReadOnlyList<RecoverySnapshot>> ListOpenAsync(CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return ValueTask.FromResult<IReadOnlyList<RecoverySnapshot>>([.. recoveries.Values.Where(r => r.IsOpen())]);
        }
    }

    public ValueTask<IReadOnlyList<RecoverySnapshot>> ListRecentAsync(string? database, int limit, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return ValueTask.FromResult<IReadOnlyList<RecoverySnapshot>>(
                [.. recoveries.Values.Where(r => database is null || r.Database == database).OrderByDescending(r => r.RequestedAt).Take(limit)]);
        }
    }

    public ValueTask AppendAuditAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            Append([entry]);
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask<IReadOnlyList<AuditEntry>> GetAuditTrailAsync(string recoveryId, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return ValueTask.FromResult<IReadOnlyList<AuditEntry>>([.. trail.Where(a => a.RecoveryId == recoveryId)]);
        }
    }

    /// <summary>Stores entries with increasing sequence numbers, as a database sequence would; call under the gate.</summary>
    private void Append(IEnumerable<AuditEntry> entries) => trail.AddRange(entries.Select(e => e with { Seq = ++seq }));
}
