using Mediator;
using Pitr.Domain.Ports;
using Pitr.Domain.Recoveries.Lineage;

namespace Pitr.Domain.Recoveries.Window;

/// <summary><c>/pitr window [db]</c>: the times a recovery of the database can land on.</summary>
public sealed record GetRestorableWindow(string? Database) : IQuery<WindowAnswer>;

/// <param name="Why">Why there is no window (unknown database), or null.</param>
/// <param name="Production">Where a cutover moved production (the window and source are then its), or null.</param>
public sealed record WindowAnswer(string Database, RestorableWindow? Window, SourceDescription? Source, Refusal? Why, ProductionMoved? Production = null);

public sealed class GetRestorableWindowHandler(IDatabaseCatalog catalog, IRecoveryStore store) : IQueryHandler<GetRestorableWindow, WindowAnswer>
{
    public async ValueTask<WindowAnswer> Handle(GetRestorableWindow query, CancellationToken cancellationToken)
    {
        var database = query.Database ?? catalog.DefaultDatabase;
        if (catalog.Find(database) is not { } configured)
        {
            return new WindowAnswer(database, null, null, new UnknownDatabase(database, catalog.Names));
        }

        var (binding, production) = await ProductionLineage.BindAsync(store, configured, cancellationToken);
        var window = await binding.Restorer.GetRestorableWindowAsync(cancellationToken);
        var source = await binding.Restorer.DescribeSourceAsync(cancellationToken);
        return new WindowAnswer(database, window, source, null, production);
    }
}
