using Mediator;
using Pitr.Domain.Ports;

namespace Pitr.Domain.Recoveries.Lineage;

/// <summary>Where a database's production runs now: the configured source, or the restore a cutover made production.</summary>
public sealed record GetProduction(string? Database) : IQuery<ProductionAnswer>;

/// <param name="Moved">Where a cutover moved production, or null when it runs on the configured source.</param>
public sealed record ProductionAnswer(string Database, ProductionMoved? Moved);

public sealed class GetProductionHandler(IDatabaseCatalog catalog, IRecoveryStore store) : IQueryHandler<GetProduction, ProductionAnswer>
{
    public async ValueTask<ProductionAnswer> Handle(GetProduction query, CancellationToken cancellationToken)
    {
        var database = query.Database ?? catalog.DefaultDatabase;
        return new ProductionAnswer(database, await ProductionLineage.FindAsync(store, database, cancellationToken));
    }
}
