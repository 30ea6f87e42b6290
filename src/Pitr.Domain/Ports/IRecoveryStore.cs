using Pitr.Domain.Recoveries;

namespace Pitr.Domain.Ports;

/// <summary>Durable home of every recovery and its append-only audit trail.</summary>
public interface IRecoveryStore
{
    /// <exception cref="RecoveryAlreadyActiveException">another recovery of the same database is active.</exception>
    ValueTask AddAsync(RecoverySnapshot recovery, IReadOnlyList<AuditEntry> audit, CancellationToken cancellationToken);

    /// <summary>Saves when the stored version is <c>recovery.Version - 1</c>, and appends <paramref name="audit"/> in the same transaction.</summary>
    /// <exception cref="ConcurrencyConflictException">somebody saved the recovery since it was loaded.</exception>
    ValueTask SaveAsync(RecoverySnapshot recovery, IReadOnlyList<AuditEntry> audit, CancellationToken cancellationToken);

    ValueTask<RecoverySnapshot?> FindAsync(string id, CancellationToken cancellationToken);

    /// <summary>The recovery that currently blocks a new one on <paramref name="database"/>, if any.</summary>
    ValueTask<RecoverySnapshot?> FindActiveAsync(string database, CancellationToken cancellationToken);

    /// <summary>Recoveries the runner must look at: not yet terminal, or with deletions still to do.</summary>
    ValueTask<IReadOnlyList<RecoverySnapshot>> ListOpenAsync(CancellationToken cancellationToken);

    /// <summary>The most recent recoveries, newest first, optionally of one database.</summary>
    ValueTask<IReadOnlyList<RecoverySnapshot>> ListRecentAsync(string? database, int limit, CancellationToken cancellationToken);

    /// <summary>Audit entries that change no recovery (refusals, requests), appended alone.</summary>
    ValueTask AppendAuditAsync(AuditEntry entry, CancellationToken cancellationToken);

    ValueTask<IReadOnlyList<AuditEntry>> GetAuditTrailAsync(string recoveryId, CancellationToken cancellationToken);
}

public sealed class RecoveryAlreadyActiveException(string database, string activeRecoveryId)
    : Exception($"Recovery {activeRecoveryId} is already active on {database}.")
{
    public string Database { get; } = database;

    public string ActiveRecoveryId { get; } = activeRecoveryId;
}

public sealed class ConcurrencyConflictException(string recoveryId)
    : Exception($"Recovery {recoveryId} was changed by someone else since it was loaded.")
{
    public string RecoveryId { get; } = recoveryId;
}
