using System.Data.Common;
using Pitr.Adapters.Storage;
using Pitr.Adapters.Tests.Support;

namespace Pitr.Adapters.Tests.Storage;

/// <summary>Claimed drill due times on SQLite and on a real PostgreSQL server: each due time is won once, by one of many claimers.</summary>
public sealed class SqlDrillClaimsTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>, IDisposable
{
    private static readonly DateTimeOffset Due = new(2026, 12, 3, 3, 0, 0, TimeSpan.Zero);
    private readonly SqlStoreSources stores = new(postgres, "claims");

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_due_time_is_claimed_once_per_database_and_again_only_after_its_release(string store)
    {
        await using var source = await SourceAsync(store);
        using var first = new SqlDrillClaims(source);
        using var restarted = new SqlDrillClaims(source);
        var ct = TestContext.Current.CancellationToken;

        Assert.True(await first.TryClaimAsync("orders", Due, Due.AddSeconds(5), ct));
        Assert.False(await restarted.TryClaimAsync("orders", Due, Due.AddSeconds(9), ct));
        Assert.False(await restarted.TryClaimAsync("Orders", Due.ToOffset(TimeSpan.FromHours(2)), Due.AddSeconds(9), ct));
        Assert.True(await restarted.TryClaimAsync("billing", Due, Due.AddSeconds(9), ct));
        Assert.True(await restarted.TryClaimAsync("orders", Due.AddMonths(6), Due.AddMonths(6), ct));

        await first.ReleaseAsync("orders", Due, ct);
        Assert.True(await restarted.TryClaimAsync("orders", Due, Due.AddMinutes(1), ct));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Of_claimers_racing_from_a_fresh_store_exactly_one_wins(string store)
    {
        await using var source = await SourceAsync(store);
        var claimers = Enumerable.Range(0, 8).Select(_ => new SqlDrillClaims(source)).ToList();

        var won = await Task.WhenAll(claimers.Select(c => Task.Run(async () => await c.TryClaimAsync("orders", Due, Due, CancellationToken.None))));

        Assert.Single(won, w => w);
        claimers.ForEach(c => c.Dispose());
    }

    public void Dispose() => stores.Dispose();

    private Task<DbDataSource> SourceAsync(string store) => stores.OpenAsync(store);
}
