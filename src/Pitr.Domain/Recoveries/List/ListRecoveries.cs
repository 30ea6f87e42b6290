using Mediator;
using Pitr.Domain.Ports;

namespace Pitr.Domain.Recoveries.List;

/// <summary>The most recent recoveries and drills, newest first.</summary>
public sealed record ListRecoveries(string? Database = null, int Limit = 10) : IQuery<IReadOnlyList<RecoverySnapshot>>;

public sealed class ListRecoveriesHandler(IRecoveryStore store) : IQueryHandler<ListRecoveries, IReadOnlyList<RecoverySnapshot>>
{
    public ValueTask<IReadOnlyList<RecoverySnapshot>> Handle(ListRecoveries query, CancellationToken cancellationToken) =>
        store.ListRecentAsync(query.Database, Math.Clamp(query.Limit, 1, 100), cancellationToken);
}
