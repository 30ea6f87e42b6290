using Mediator;
using Pitr.Domain.Ports;
using Pitr.Domain.Recoveries.Lineage;

namespace Pitr.Domain.Recoveries.Suggest;

/// <summary>
/// <c>start</c> without a time: what the database's history shows since <paramref name="Since"/>, newest first,
/// and the proposal — the instant before the earliest destructive change, so that restoring there undoes all of them.
/// </summary>
public sealed record SuggestRecoveryPoints(string? Database, DateTimeOffset Since) : IQuery<RecoveryPoints>;

/// <param name="Proposed">The earliest destructive change found, whose target undoes every listed one; null when none was found.</param>
/// <param name="Why">Why nothing could be searched (unknown database, an engine that cannot read its history).</param>
public sealed record RecoveryPoints(string Database, IReadOnlyList<RecoveryPointSuggestion> NewestFirst, RecoveryPointSuggestion? Proposed, Refusal? Why);

public sealed class SuggestRecoveryPointsHandler(IDatabaseCatalog catalog, IRecoveryStore store) : IQueryHandler<SuggestRecoveryPoints, RecoveryPoints>
{
    public async ValueTask<RecoveryPoints> Handle(SuggestRecoveryPoints query, CancellationToken cancellationToken)
    {
        var database = query.Database ?? catalog.DefaultDatabase;
        if (catalog.Find(database) is not { } configured)
        {
            return new RecoveryPoints(database, [], null, new UnknownDatabase(database, catalog.Names));
        }

        // The history to read is production's: after a cutover, the restore's.
        var (binding, _) = await ProductionLineage.BindAsync(store, configured, cancellationToken);

        if (binding.Advisor is not { } advisor)
        {
            return new RecoveryPoints(database, [], null, new NoHistory(database));
        }

        var found = await advisor.SuggestAsync(query.Since, cancellationToken);
        return new RecoveryPoints(database, [.. found.OrderByDescending(s => s.CommittedAt)], found.MinBy(s => s.CommittedAt), null);
    }
}
