using Pitr.Domain.Recoveries;
using Pitr.Domain.Recoveries.Events;
using Pitr.Domain.Tests.Fakes;

namespace Pitr.Domain.Tests.Faults;

/// <summary>
/// The bot dies right after a recovery entered a state; a new bot over the same store and thread log
/// (and the same engine, which kept running) finishes it. Every side effect happens once over both
/// lives, and so does every message in the thread.
/// </summary>
public sealed class CrashInEveryStateTests
{
    public static TheoryData<RecoveryState> LiveStates =>
    [
        RecoveryState.Requested, RecoveryState.Restoring, RecoveryState.Validating, RecoveryState.AwaitingApproval,
        RecoveryState.CuttingOver, RecoveryState.Restarting, RecoveryState.Verifying,
    ];

    [Theory]
    [MemberData(nameof(LiveStates))]
    public async Task Finishes_with_every_side_effect_once_when_the_bot_crashes_in(RecoveryState crashedIn)
    {
        var before = new RecoveryWorld();
        before.Restorer.PollsUntilAvailable = 2;
        var started = await before.StartAsync();
        var id = started.Recovery!.Id;
        if (crashedIn != RecoveryState.Requested)
        {
            await before.ConfirmAsync(id);
        }

        if (crashedIn > RecoveryState.AwaitingApproval)
        {
            await before.RunUntilAsync(id, RecoveryState.AwaitingApproval);
            await before.ApproveAsync(id, RecoveryWorld.Bob);
        }

        await before.RunUntilAsync(id, crashedIn);
        if (crashedIn == RecoveryState.Restoring)
        {
            await before.Stepper.AdvanceAsync(id, CancellationToken.None);
        }

        var after = Restarted(before);
        if (crashedIn == RecoveryState.Requested)
        {
            await after.ConfirmAsync(id);
        }

        if (crashedIn <= RecoveryState.AwaitingApproval)
        {
            await after.RunUntilAsync(id, RecoveryState.AwaitingApproval);
            await after.ApproveAsync(id, RecoveryWorld.Bob);
        }

        var done = await after.RunUntilAsync(id, RecoveryState.Completed);

        Assert.Equal(1, before.Log.Count("restorer.Start"));
        Assert.Equal(1, before.Log.Count("validation.Run"));
        Assert.Equal(1, before.Log.Count("secrets.PointAt"));
        Assert.Equal(1, before.Log.Count("workloads.Restart"));
        Assert.Equal(1, before.Log.Count("health.Wait"));
        Assert.Single(done.Attempts);
        await AssertToldOnceAsync(before, after, id);
    }

    [Fact]
    public async Task Finishes_the_rollback_once_when_the_bot_crashes_while_rolling_back()
    {
        var before = new RecoveryWorld();
        before.Workloads.Failing.Add("api");
        var rollingBack = await before.ApprovedUntilAsync(RecoveryState.RollingBack);

        var after = Restarted(before);
        await after.RunUntilAsync(rollingBack.Id, RecoveryState.RolledBack);

        Assert.Equal(1, before.Log.Count("secrets.Revert"));
        Assert.Equal(2, before.Log.Count("workloads.Restart"));
        await AssertToldOnceAsync(before, after, rollingBack.Id);
    }

    /// <summary>A new bot process: fresh stepper, handlers and announcer; the same store, thread log, clock and engine.</summary>
    private static RecoveryWorld Restarted(RecoveryWorld before)
    {
        var after = new RecoveryWorld(store: before.Store, clock: before.Clock, log: before.Log, threads: before.Threads);
        after.Restorer.Existing.UnionWith(before.Restorer.Existing);
        return after;
    }

    /// <summary>One header, and each entry of the trail told once across both lives, in order.</summary>
    private static async Task AssertToldOnceAsync(RecoveryWorld before, RecoveryWorld after, string id)
    {
        var trail = await after.TrailAsync(id);
        var told = before.Channel.ThreadOf(id).Concat(after.Channel.ThreadOf(id)).Select(t => t.Entry.Seq);
        Assert.Equal(trail.Where(e => e.Event is not Refused).Select(e => e.Seq), told);
        Assert.Single(before.Channel.HeaderPosts);
        Assert.Empty(after.Channel.HeaderPosts);
    }
}
