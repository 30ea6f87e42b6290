using Pitr.Domain.Ports;

namespace Pitr.Domain.Recoveries.Lineage;

/// <summary>
/// Where a database's production runs, from the store: the restore of the newest cutover that stands, or the
/// database a newer rollback went back to; the configured source when no recovery moved it. Recoveries
/// restore from production, so the next incident is recovered from the database the application uses.
/// </summary>
public static class ProductionLineage
{
    /// <summary>How many recent recoveries are searched for the cutovers and rollbacks that moved production.</summary>
    private const int SearchDepth = 500;

    /// <summary>Where production moved, or null when it runs on the configured source.</summary>
    public static async ValueTask<ProductionMoved?> FindAsync(IRecoveryStore store, string database, CancellationToken cancellationToken) =>
        Of(await store.ListRecentAsync(database, SearchDepth, cancellationToken));

    /// <summary>The database's engine, restoring from production.</summary>
    public static async ValueTask<(DatabaseBinding Binding, ProductionMoved? Moved)> BindAsync(
        IRecoveryStore store, DatabaseBinding binding, CancellationToken cancellationToken)
    {
        var moved = await FindAsync(store, binding.Name, cancellationToken);
        return (moved is null ? binding : binding with { Restorer = binding.Restorer.From(moved.RunsOn), Advisor = binding.Advisor?.From(moved.RunsOn) }, moved);
    }

    /// <summary>The newest move wins: a completed cutover puts production on its restore, a rollback puts it back on its source.</summary>
    public static ProductionMoved? Of(IEnumerable<RecoverySnapshot> recoveries)
    {
        var moves = recoveries.Where(r => r.Mode == RecoveryMode.Recovery).Select(MoveOf).OfType<Move>().ToList();
        if (moves.MaxBy(m => m.At) is not { } last)
        {
            return null;
        }

        var root = RootOf(last.RunsOn, moves);
        return root == last.RunsOn ? null : new ProductionMoved(last.Recovery.Id, last.RunsOn, last.At, root);
    }

    /// <summary>Follows the cutovers back, restore to source, to the database no recovery created.</summary>
    private static string RootOf(string production, IReadOnlyList<Move> moves)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (seen.Add(production)
            && moves.FirstOrDefault(m => m.Cutover && m.RunsOn == production) is { } cutover)
        {
            production = cutover.Recovery.SourceIdentifier;
        }

        return production;
    }

    private static Move? MoveOf(RecoverySnapshot r) => r.State switch
    {
        RecoveryState.Completed or RecoveryState.Decommissioned =>
            new Move(r, r.CurrentAttempt.Identifier, r.CompletedAt ?? r.RequestedAt, Cutover: true),
        RecoveryState.RolledBack =>
            new Move(r, r.SourceIdentifier, r.Phases.LastOrDefault(p => p.State == RecoveryState.RolledBack)?.EnteredAt ?? r.RequestedAt, Cutover: false),
        _ => null,
    };

    private sealed record Move(RecoverySnapshot Recovery, string RunsOn, DateTimeOffset At, bool Cutover);
}
