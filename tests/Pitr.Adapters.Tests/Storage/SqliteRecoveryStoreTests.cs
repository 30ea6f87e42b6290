using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Pitr.Adapters.Storage;
using Pitr.Domain.Ports;
using Pitr.Domain.Recoveries;
using Pitr.Domain.Tests.Fakes;

namespace Pitr.Adapters.Tests.Storage;

public sealed class SqliteRecoveryStoreTests : IDisposable
{
    private readonly string path = Path.Combine(Path.GetTempPath(), $"pitr-store-{Guid.NewGuid():N}.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Returns_what_was_saved_after_the_store_is_reopened()
    {
        var world = new RecoveryWorld(store: Open());
        var id = await world.StartConfirmedAsync();
        await world.RunUntilAsync(id, RecoveryState.AwaitingApproval);

        using var reopened = Open();
        var loaded = await reopened.FindAsync(id, CancellationToken.None);

        Assert.NotNull(loaded);
        Assert.Equal(RecoveryState.AwaitingApproval, loaded.State);
        Assert.Equal(world.Restorer.Window, loaded.Window);
        Assert.True(loaded.CurrentAttempt.Validation!.Passed);
        Assert.Equal("restored.local", loaded.CurrentAttempt.Endpoint!.Host);
        Assert.Equal(RecoveryWorld.Alice, loaded.Initiator);
    }

    [Fact]
    public async Task Refuses_a_save_made_from_a_stale_version()
    {
        using var store = Open();
        var world = new RecoveryWorld(store: store);
        var id = (await world.StartAsync()).Recovery!.Id;
        var first = await world.Repository.FindAsync(id, CancellationToken.None);
        var second = await world.Repository.FindAsync(id, CancellationToken.None);

        await first!.ConfirmAsync(RecoveryWorld.Alice);
        await world.Repository.SaveAsync(first, CancellationToken.None);
        await second!.CancelAsync(RecoveryWorld.Bob);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => world.Repository.SaveAsync(second, CancellationToken.None).AsTask());
        Assert.Equal(RecoveryState.Restoring, (await store.FindAsync(id, CancellationToken.None))!.State);
    }

    [Fact]
    public async Task Refuses_a_second_active_recovery_of_the_same_database()
    {
        using var store = Open();
        var world = new RecoveryWorld(store: store);
        var first = (await world.StartAsync()).Recovery!;
        var plan = new RecoveryPlan("other1", "orders", RecoveryMode.Recovery, RecoveryWorld.Now.AddMinutes(-5), RecoveryWorld.Bob, "C1", world.Restorer.Window, "orders-prod");
        var second = Recovery.Plan(plan, world.Rules, world.Clock);

        var refused = await Assert.ThrowsAsync<RecoveryAlreadyActiveException>(() => world.Repository.AddAsync(second, CancellationToken.None).AsTask());

        Assert.Equal(first.Id, refused.ActiveRecoveryId);
        Assert.Null(await store.FindAsync("other1", CancellationToken.None));
    }

    [Fact]
    public async Task Lets_a_new_recovery_start_once_the_previous_one_completed()
    {
        using var store = Open();
        var world = new RecoveryWorld(store: store);
        var id = await world.StartConfirmedAsync();
        await world.RunUntilAsync(id, RecoveryState.AwaitingApproval);
        await world.ApproveAsync(id, RecoveryWorld.Bob);
        await world.RunUntilAsync(id, RecoveryState.Completed);

        var next = await world.StartAsync("2024-05-01T10:35:00Z");

        Assert.True(next.Succeeded, next.Message);
        Assert.Equal(2, (await store.ListOpenAsync(CancellationToken.None)).Count);
    }

    [Fact]
    public async Task Keeps_the_audit_trail_append_only()
    {
        using var store = Open();
        var world = new RecoveryWorld(store: store);
        var id = (await world.StartAsync()).Recovery!.Id;

        await using var connection = new SqliteConnection($"Data Source={path}");
        await connection.OpenAsync();
        await using var tamper = connection.CreateCommand();
        tamper.CommandText = "UPDATE audit SET actor_name = 'mallory'";

        var refused = await Assert.ThrowsAsync<SqliteException>(() => tamper.ExecuteNonQueryAsync());
        Assert.Contains("append-only", refused.Message, StringComparison.Ordinal);
        Assert.Equal("alice", Assert.Single(await store.GetAuditTrailAsync(id, CancellationToken.None)).Actor.Name);
    }

    [Fact]
    public async Task Lists_terminal_recoveries_as_open_until_their_deletions_are_done()
    {
        using var store = Open();
        var world = new RecoveryWorld(store: store);
        world.Restorer.PollsUntilAvailable = 10;
        var id = await world.StartConfirmedAsync();
        await world.Stepper.AdvanceAsync(id, CancellationToken.None);
        var recovery = await world.Repository.FindAsync(id, CancellationToken.None);
        await recovery!.AbortAsync(RecoveryWorld.Bob);
        await world.Repository.SaveAsync(recovery, CancellationToken.None);

        Assert.Contains(await store.ListOpenAsync(CancellationToken.None), r => r.Id == id);
        await world.Stepper.AdvanceAsync(id, CancellationToken.None);
        Assert.DoesNotContain(await store.ListOpenAsync(CancellationToken.None), r => r.Id == id);
    }

    private SqliteRecoveryStore Open() => new(Options.Create(new SqliteStoreOptions { Path = path }));
}
