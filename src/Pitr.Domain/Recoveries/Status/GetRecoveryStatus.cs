using Mediator;
using Pitr.Domain.Ports;
using Pitr.Domain.Recoveries.Lineage;

namespace Pitr.Domain.Recoveries.Status;

/// <summary><c>/pitr status [id]</c>: one recovery with its report and audit trail; without an id, the active one of the default database.</summary>
public sealed record GetRecoveryStatus(string? RecoveryId, string? Database = null) : IQuery<RecoveryStatus?>;

/// <param name="Production">Where the database's production runs now when a cutover moved it off the configured source.</param>
public sealed record RecoveryStatus(RecoverySnapshot Recovery, RecoveryReport Report, IReadOnlyList<AuditEntry> Audit, ProductionMoved? Production = null);

public sealed class GetRecoveryStatusHandler(IRecoveryStore store, IDatabaseCatalog catalog, TimeProvider clock) : IQueryHandler<GetRecoveryStatus, RecoveryStatus?>
{
    public async ValueTask<RecoveryStatus?> Handle(GetRecoveryStatus query, CancellationToken cancellationToken)
    {
        var recovery = query.RecoveryId is { } id
            ? await store.FindAsync(id, cancellationToken)
            : await store.FindActiveAsync(query.Database ?? catalog.DefaultDatabase, cancellationToken);
        if (recovery is null)
        {
            return null;
        }

        var audit = await store.GetAuditTrailAsync(recovery.Id, cancellationToken);
        var production = await ProductionLineage.FindAsync(store, recovery.Database, cancellationToken);
        return new RecoveryStatus(recovery, RecoveryReport.From(recovery, audit, clock.GetUtcNow()), audit, production);
    }
}
