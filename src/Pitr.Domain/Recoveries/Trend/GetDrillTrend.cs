using Mediator;
using Pitr.Domain.Ports;

namespace Pitr.Domain.Recoveries.Trend;

/// <summary><c>drills [--db NAME]</c>: per database, its last drills that ended, their RTO percentiles and how long since one passed.</summary>
/// <param name="Database">One database, or every configured one when null.</param>
/// <param name="Limit">How many drills per database, newest first.</param>
public sealed record GetDrillTrend(string? Database = null, int Limit = 20) : IQuery<DrillTrendAnswer>;

/// <param name="Why">Set when the database asked for is not configured.</param>
public sealed record DrillTrendAnswer(IReadOnlyList<DrillTrend> Databases, DateTimeOffset Now, Refusal? Why = null);

public sealed class GetDrillTrendHandler(IDatabaseCatalog catalog, IRecoveryStore store, TimeProvider clock) : IQueryHandler<GetDrillTrend, DrillTrendAnswer>
{
    // Drills share the store with recoveries: read this many of a database's newest to find its drills among them.
    private const int Scan = 500;

    public async ValueTask<DrillTrendAnswer> Handle(GetDrillTrend query, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (query.Database is { } asked && catalog.Find(asked) is null)
        {
            return new DrillTrendAnswer([], now, new UnknownDatabase(asked, catalog.Names));
        }

        var names = query.Database is { } one ? [catalog.Find(one)!.Name] : catalog.Names.Order(StringComparer.Ordinal).ToList();
        var trends = new List<DrillTrend>();
        foreach (var name in names)
        {
            var recent = await store.ListRecentAsync(name, Scan, cancellationToken);
            var drills = recent
                .Where(r => r.IsDrill && r.State is RecoveryState.Completed or RecoveryState.Failed)
                .Take(Math.Clamp(query.Limit, 1, Scan))
                .Select(r => DrillRun.From(r, now))
                .ToList();
            trends.Add(DrillTrend.Of(name, drills, now));
        }

        return new DrillTrendAnswer(trends, now);
    }
}
