using Pitr.Adapters.Storage;
using Pitr.Adapters.Storage.Sqlite;
using Pitr.Domain.Ports;

namespace Pitr.Adapters.Tests.Storage;

public sealed class SqlAlertLogTests : IDisposable
{
    private static readonly DateTimeOffset At = new(2024, 5, 1, 10, 35, 0, TimeSpan.Zero);
    private static readonly AlertCard Card = new("{}:{alertname=\"DataCorruptionSuspected\"}", "DataCorruptionSuspected", "orders", "rows vanished",
        At, new RestorableWindow(At.AddDays(-7), At.AddMinutes(-1)), At.AddMinutes(-2), "alert start − 2m 00s");

    private readonly string path = Path.Combine(Path.GetTempPath(), $"pitr-alertlog-{Guid.NewGuid():N}.db");

    public void Dispose()
    {
        foreach (var file in Directory.GetFiles(Path.GetTempPath(), Path.GetFileName(path) + "*"))
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task A_group_is_claimed_once_even_by_a_restarted_bot()
    {
        using var first = Log();
        var claimed = await first.TryClaimAsync(Card.GroupKey, At, TestContext.Current.CancellationToken);
        await first.RecordPostedAsync(Card.GroupKey, Card, new MessageRef("C1", "17.1"), TestContext.Current.CancellationToken);

        using var restarted = Log();
        var again = await restarted.TryClaimAsync(Card.GroupKey, At.AddMinutes(1), TestContext.Current.CancellationToken);

        Assert.True(claimed);
        Assert.False(again);
    }

    [Fact]
    public async Task Concurrent_claims_of_one_group_let_exactly_one_through()
    {
        using var log = Log();

        var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => log.TryClaimAsync(Card.GroupKey, At, TestContext.Current.CancellationToken).AsTask()));

        Assert.Equal(1, claims.Count(c => c));
    }

    [Fact]
    public async Task Resolving_returns_the_posted_card_once_and_frees_the_group()
    {
        using var log = Log();
        await log.TryClaimAsync(Card.GroupKey, At, TestContext.Current.CancellationToken);
        await log.RecordPostedAsync(Card.GroupKey, Card, new MessageRef("C1", "17.1"), TestContext.Current.CancellationToken);

        var resolved = await log.TryResolveAsync(Card.GroupKey, At.AddMinutes(9), TestContext.Current.CancellationToken);
        var again = await log.TryResolveAsync(Card.GroupKey, At.AddMinutes(9), TestContext.Current.CancellationToken);
        var reclaimed = await log.TryClaimAsync(Card.GroupKey, At.AddHours(1), TestContext.Current.CancellationToken);

        Assert.Equal(new MessageRef("C1", "17.1"), resolved!.Message);
        Assert.Equal(Card, resolved.Card);
        Assert.Null(again);
        Assert.True(reclaimed);
    }

    [Fact]
    public async Task A_released_claim_can_be_claimed_again()
    {
        using var log = Log();
        await log.TryClaimAsync(Card.GroupKey, At, TestContext.Current.CancellationToken);

        await log.ReleaseAsync(Card.GroupKey, TestContext.Current.CancellationToken);

        Assert.True(await log.TryClaimAsync(Card.GroupKey, At, TestContext.Current.CancellationToken));
        Assert.Null(await log.TryResolveAsync(Card.GroupKey, At, TestContext.Current.CancellationToken));
    }

    private SqlAlertLog Log() => new(SqliteDialect.DataSource(new SqliteStoreOptions { Path = path }));
}
