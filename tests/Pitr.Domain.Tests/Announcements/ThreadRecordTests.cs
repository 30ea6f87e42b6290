using Pitr.Domain.Announcements;
using Pitr.Domain.Recoveries;
using Pitr.Domain.Recoveries.Events;
using Pitr.Domain.Tests.Fakes;

namespace Pitr.Domain.Tests.Announcements;

/// <summary>The thread as the incident record: exactly once and in order across replicas and crashes, ending on the final header.</summary>
public sealed class ThreadRecordTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Tells_each_entry_once_in_trail_order_when_two_replicas_tell_the_same_thread_at_once()
    {
        var world = Quiet();
        world.Channel.Latency = TimeSpan.FromMilliseconds(2);
        var otherReplica = new RecoveryAnnouncer(world.Store, world.Threads, world.Channel, world.Rules, world.Clock);
        var done = await world.ApprovedUntilAsync(RecoveryState.Completed);

        await Task.WhenAll(Enumerable.Range(0, 10).Select(i => Task.Run(() => (i % 2 == 0 ? world.Announcer : otherReplica).DeliverAsync(done.Id, None).AsTask())));
        for (var i = 0; i < 3; i++)
        {
            await world.Announcer.DeliverAsync(done.Id, None);
            await otherReplica.DeliverAsync(done.Id, None);
        }

        var trail = await world.TrailAsync(done.Id);
        Assert.Equal(trail.Where(e => e.Event is not Refused).Select(e => e.Seq), world.Channel.ThreadOf(done.Id).Select(t => t.Entry.Seq));
        Assert.Single(world.Channel.HeaderPosts);
        Assert.Equal(RecoveryState.Completed, world.Channel.Header(done.Id)!.Recovery.State);
    }

    [Fact]
    public async Task Answers_busy_and_tells_nothing_while_another_replica_holds_the_thread()
    {
        var world = Quiet();
        var id = (await world.StartAsync()).Recovery!.Id;

        await using (await world.Threads.TryClaimAsync(id, world.Channel.Name, None))
        {
            Assert.Equal(ThreadBacklog.Busy, await world.Announcer.DeliverAsync(id, None));
            Assert.Empty(world.Channel.HeaderPosts);
        }

        Assert.Equal(0, (await world.Announcer.DeliverAsync(id, None)).Pending);
        Assert.Single(world.Channel.HeaderPosts);
    }

    [Fact]
    public async Task Does_not_tell_an_entry_twice_when_the_process_died_between_its_post_and_its_record()
    {
        var threads = new CrashingThreadLog(new InMemoryThreadLog());
        var world = new RecoveryWorld(threads: threads);
        world.Signals.DeliverInline = false;
        var id = await world.AwaitingApprovalAsync();
        var restoreAvailable = (await world.TrailAsync(id)).Single(e => e.Event is RestoreAvailable).Seq;
        threads.CrashOn = t => t.DeliveredSeq == restoreAvailable;

        await Assert.ThrowsAsync<InvalidOperationException>(() => world.Announcer.DeliverAsync(id, None).AsTask());
        var restarted = new RecoveryAnnouncer(world.Store, threads, world.Channel, world.Rules, world.Clock);
        var backlog = await restarted.DeliverAsync(id, None);

        Assert.Single(world.Channel.ThreadOf(id), t => t.Event is RestoreAvailable);
        Assert.Equal((await world.TrailAsync(id)).Select(e => e.Seq), world.Channel.ThreadOf(id).Select(t => t.Entry.Seq));
        Assert.Equal(1, world.Channel.Lookups);
        Assert.Equal(0, backlog.Pending);
    }

    [Fact]
    public async Task Does_not_post_a_second_header_when_the_process_died_between_the_header_post_and_its_record()
    {
        var threads = new CrashingThreadLog(new InMemoryThreadLog());
        var world = new RecoveryWorld(threads: threads);
        world.Signals.DeliverInline = false;
        var id = (await world.StartAsync()).Recovery!.Id;
        threads.CrashOn = t => t.Header is not null;

        await Assert.ThrowsAsync<InvalidOperationException>(() => world.Announcer.DeliverAsync(id, None).AsTask());
        await new RecoveryAnnouncer(world.Store, threads, world.Channel, world.Rules, world.Clock).DeliverAsync(id, None);

        Assert.Single(world.Channel.HeaderPosts);
        Assert.Equal([typeof(Planned)], world.Channel.ThreadOf(id).Select(t => t.Event.GetType()));
    }

    [Fact]
    public async Task Posts_nothing_and_keeps_the_started_post_when_the_channel_cannot_say_whether_it_arrived()
    {
        var threads = new CrashingThreadLog(new InMemoryThreadLog());
        var world = new RecoveryWorld(threads: threads);
        world.Signals.DeliverInline = false;
        var id = (await world.StartAsync()).Recovery!.Id;
        threads.CrashOn = t => t.DeliveredSeq > 0;
        await Assert.ThrowsAsync<InvalidOperationException>(() => world.Announcer.DeliverAsync(id, None).AsTask());
        world.Channel.FailNextLookups = 1;

        var unanswered = await world.Announcer.DeliverAsync(id, None);
        var answered = await world.Announcer.DeliverAsync(id, None);

        Assert.True(unanswered.Pending > 0, "the entry whose post may have arrived is still pending");
        Assert.Equal(0, answered.Pending);
        Assert.Single(world.Channel.ThreadOf(id));
    }

    [Fact]
    public async Task Ends_the_header_on_the_final_state_when_its_first_final_edit_failed()
    {
        var world = Quiet();
        var id = await world.AwaitingApprovalAsync();
        await world.Announcer.DeliverAsync(id, None);
        await world.ApproveAsync(id, RecoveryWorld.Bob);
        var done = await world.RunUntilAsync(id, RecoveryState.Completed);
        world.Channel.FailNextSettles = 1;

        var failed = await world.Announcer.DeliverAsync(done.Id, None);
        var settlesAfterFailure = world.Channel.Settles;
        var settled = await world.Announcer.DeliverAsync(done.Id, None);
        var editsBefore = world.Channel.HeaderUpdates.Count;
        await world.Announcer.DeliverAsync(done.Id, None);

        Assert.Equal(1, failed.Pending);
        Assert.Equal(settlesAfterFailure + 1, world.Channel.Settles);
        Assert.Equal(0, settled.Pending);
        Assert.Equal(RecoveryState.Completed, world.Channel.Header(done.Id)!.Recovery.State);
        Assert.Equal(editsBefore, world.Channel.HeaderUpdates.Count);
    }

    [Fact]
    public async Task Reports_what_is_left_untold_and_since_when_while_the_channel_is_down()
    {
        var world = Quiet();
        var id = await world.AwaitingApprovalAsync();
        world.Channel.FailNextThreadPosts = 100;

        var backlog = await world.Announcer.DeliverAsync(id, None);

        var trail = await world.TrailAsync(id);
        Assert.True(backlog.Claimed);
        // Every entry, and the header's state where the recovery waits for a person.
        Assert.Equal(trail.Count + 1, backlog.Pending);
        Assert.Equal(trail[0].At, backlog.OldestPendingAt);
    }

    [Fact]
    public async Task Tells_nothing_and_leaves_nothing_pending_for_a_recovery_the_channel_has_no_place_for()
    {
        var world = Quiet();
        world.Channel.Hosting = _ => false;
        var id = (await world.StartAsync()).Recovery!.Id;

        var backlog = await world.Announcer.DeliverAsync(id, None);

        Assert.Empty(world.Channel.HeaderPosts);
        Assert.Equal(0, backlog.Pending);
    }

    private static RecoveryWorld Quiet()
    {
        var world = new RecoveryWorld();
        world.Signals.DeliverInline = false;
        return world;
    }
}
