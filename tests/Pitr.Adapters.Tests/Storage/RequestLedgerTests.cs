using System.Data.Common;
using Pitr.Adapters.Storage;
using Pitr.Adapters.Tests.Support;

namespace Pitr.Adapters.Tests.Storage;

/// <summary>The request ledger on SQLite and on a real PostgreSQL server: a key acts once within the ledger's memory, across ledgers over one store.</summary>
public sealed class RequestLedgerTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>, IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 17, 0, 0, TimeSpan.Zero);
    private readonly SqlStoreSources stores = new(postgres, "ledger");

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Records_a_key_once_and_again_only_after_its_memory_has_passed(string store)
    {
        await using var source = await SourceAsync(store);
        using var first = new SqlRequestLedger(source);
        using var restarted = new SqlRequestLedger(source);
        var ct = TestContext.Current.CancellationToken;

        Assert.True(await first.TryRecordAsync("slack:a", Now, ct));
        Assert.False(await first.TryRecordAsync("slack:a", Now.AddMinutes(5), ct));
        Assert.False(await restarted.TryRecordAsync("slack:a", Now.AddMinutes(10), ct));
        Assert.True(await restarted.TryRecordAsync("slack:b", Now.AddMinutes(10), ct));
        Assert.True(await restarted.TryRecordAsync("slack:a", Now + SqlRequestLedger.Memory + TimeSpan.FromSeconds(1), ct));
    }

    public void Dispose() => stores.Dispose();

    private Task<DbDataSource> SourceAsync(string store) => stores.OpenAsync(store);
}
