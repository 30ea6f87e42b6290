using Pitr.Domain.Ports;
using Pitr.Domain.Recoveries;
using Pitr.Domain.Tests.Fakes;

namespace Pitr.Adapters.Tests.Storage;

/// <summary>What every recovery store promises; run against each store the bot can use.</summary>
public abstract class RecoveryStoreContract
{
    /// <summary>A store over the test's database; several calls open the same database again (a restarted bot).</summary>
    protected abstract IRecoveryStore Open();

    /// <summary>Runs raw SQL against the store's database, bypassing the store.</summary>
    protected abstract Task ExecuteRawAsync(string sql);

    [Fact]
    public async Task Returns_what_was_saved_after_the_store_is_reopened()
    {
        var world = new RecoveryWorld(store: Open());
        var id = await world.StartConfirmedAsync();
        await world.RunUntilAsync(id, RecoveryState.AwaitingApproval);

        var loaded = await Open().FindAsync(id, CancellationToken.None);

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
        var store = Open();
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
        var store = Open();
        var world = new RecoveryWorld(store: store);
        var first = (await world.StartAsync()).Recovery!;
        var plan = new RecoveryPlan("other1", "orders", RecoveryMode.Recovery, RecoveryWorld.Now.AddMinutes(-5), RecoveryWorld.Bob, "C1", world.Restorer.Window, "orders-prod");

        var refused = await Assert.ThrowsAsync<RecoveryAlreadyActiveException>(() =>
            world.Repository.AddAsync(Recovery.Plan(plan, world.Rules, world.Clock), CancellationToken.None).AsTask());

        Assert.Equal(first.Id, refused.ActiveRecoveryId);
        Assert.Null(await store.FindAsync("other1", CancellationToken.None));
        Assert.Empty(await store.GetAuditTrailAsync("other1", CancellationToken.None));
    }

    [Fact]
    public async Task Lets_a_new_recovery_start_once_the_previous_one_completed()
    {
        var store = Open();
        var world = new RecoveryWorld(store: store);
        var id = await world.StartConfirmedAsync();
        await world.RunUntilAsync(id, RecoveryState.AwaitingApproval);
        await world.ApproveAsync(id, RecoveryWorld.Bob);
        await world.RunUntilAsync(id, RecoveryState.Completed);

        var next = await world.StartAsync("2024-05-01T10:35:00Z");

        Assert.True(next.Succeeded, next.Message);
        Assert.Equal(2, (await store.ListOpenAsync(CancellationToken.None)).Count);
        Assert.Equal(next.Recovery!.Id, (await store.ListRecentAsync("orders", 1, CancellationToken.None)).Single().Id);
    }

    [Fact]
    public async Task Keeps_the_audit_trail_append_only()
    {
        var store = Open();
        var world = new RecoveryWorld(store: store);
        var id = (await world.StartAsync()).Recovery!.Id;

        var refused = await Assert.ThrowsAnyAsync<Exception>(() => ExecuteRawAsync("UPDATE pitr_audit SET actor_name = 'mallory'"));
        await Assert.ThrowsAnyAsync<Exception>(() => ExecuteRawAsync("DELETE FROM pitr_audit"));

        Assert.Contains("append-only", refused.Message, StringComparison.Ordinal);
        Assert.Equal("alice", Assert.Single(await store.GetAuditTrailAsync(id, CancellationToken.None)).Actor.Name);
    }

    [Fact]
    public async Task Lists_terminal_recoveries_as_open_until_their_deletions_are_done()
    {
        var store = Open();
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

    [Fact]
    public async Task Records_the_audit_trail_in_order_with_actors()
    {
        var world = new RecoveryWorld(store: Open());
        var id = await world.StartConfirmedAsync();
        await world.RunUntilAsync(id, RecoveryState.AwaitingApproval);
        await world.ApproveAsync(id, RecoveryWorld.Alice);

        var trail = await Open().GetAuditTrailAsync(id, CancellationToken.None);

        Assert.Equal(["Start", "Confirm", "RestoreRequested", "RestoreAvailable", "ValidationCompleted", "ApproveRefused"], trail.Select(e => e.Action));
        Assert.Equal(RecoveryWorld.Alice, trail[^1].Actor);
    }
}
