using Pitr.Domain.Recoveries;
using Pitr.Domain.Recoveries.Events;
using Pitr.Domain.Tests.Fakes;

namespace Pitr.Domain.Tests.Announcements;

/// <summary>The thread is derived from the audit trail: one header per recovery, each entry told once and in order, failed deliveries resumed.</summary>
public sealed class RecoveryAnnouncerTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Posts_one_header_per_recovery_when_deliveries_of_twenty_recoveries_race()
    {
        var world = Quiet();
        world.Channel.Latency = TimeSpan.FromMilliseconds(2);
        var ids = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            var started = await world.StartAsync();
            ids.Add(started.Recovery!.Id);

            // Cancelled, the database is free for the next one.
            Assert.True((await world.ActAsync(started.Recovery.Id, RecoveryTrigger.Cancel)).Succeeded);
        }

        await Task.WhenAll(ids.SelectMany(id => Enumerable.Range(0, 5).Select(_ => Task.Run(() => world.Announcer.DeliverAsync(id, None).AsTask()))));

        Assert.Equal(ids.Order(), world.Channel.HeaderPosts.Select(h => h.Recovery.Id).Order());
        Assert.All(ids, id => Assert.Equal([typeof(Planned), typeof(Cancelled)], world.Channel.ThreadOf(id).Select(t => t.Event.GetType())));
    }

    [Fact]
    public async Task Tells_each_entry_once_in_trail_order_and_leaves_refusals_out_when_delivered_again_and_again()
    {
        var world = Quiet();
        var id = await world.AwaitingApprovalAsync();
        await world.ApproveAsync(id, RecoveryWorld.Alice);
        await world.ApproveAsync(id, RecoveryWorld.Bob);
        await world.RunUntilAsync(id, RecoveryState.Completed);

        await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() => world.Announcer.DeliverAsync(id, None).AsTask())));
        for (var i = 0; i < 3; i++)
        {
            await world.Announcer.DeliverAsync(id, None);
        }

        var trail = await world.TrailAsync(id);
        Assert.Contains(trail, e => e.Event is Refused);
        Assert.Equal(trail.Where(e => e.Event is not Refused).Select(e => e.Seq), world.Channel.ThreadOf(id).Select(t => t.Entry.Seq));
        Assert.Single(world.Channel.HeaderPosts);
        Assert.Equal(RecoveryState.Completed, world.Channel.Header(id)!.Recovery.State);
    }

    [Fact]
    public async Task Posts_the_header_and_the_thread_on_the_next_delivery_when_the_channel_could_not_take_the_header()
    {
        var world = new RecoveryWorld();
        world.Channel.FailNextHeaderPosts = 1;

        var id = (await world.StartAsync()).Recovery!.Id;

        Assert.Empty(world.Channel.HeaderPosts);
        Assert.Empty(world.Channel.ThreadOf(id));
        Assert.Null((await world.Threads.FindAsync(id, world.Channel.Name, None))?.Header);

        await world.ConfirmAsync(id);

        var header = Assert.Single(world.Channel.HeaderPosts);
        Assert.Equal(RecoveryState.Restoring, header.Recovery.State);
        Assert.Equal([typeof(Planned), typeof(Confirmed)], world.Channel.ThreadOf(id).Select(t => t.Event.GetType()));
    }

    [Fact]
    public async Task Resumes_after_the_last_entry_told_without_repeating_one_when_a_thread_post_fails()
    {
        var world = Quiet();
        var id = await world.AwaitingApprovalAsync();
        world.Channel.FailOnceFor = e => e.Event is RestoreAvailable;

        await world.Announcer.DeliverAsync(id, None);

        Assert.Equal([typeof(Planned), typeof(Confirmed), typeof(RestoreRequested)], world.Channel.ThreadOf(id).Select(t => t.Event.GetType()));
        var thread = await world.Threads.FindAsync(id, world.Channel.Name, None);
        Assert.Equal(world.Channel.ThreadOf(id)[^1].Entry.Seq, thread!.DeliveredSeq);
        Assert.Empty(world.Channel.HeaderUpdates);

        await world.Announcer.DeliverAsync(id, None);

        var trail = await world.TrailAsync(id);
        Assert.Equal(trail.Select(e => e.Seq), world.Channel.ThreadOf(id).Select(t => t.Entry.Seq));
        Assert.Single(world.Channel.HeaderPosts);
        Assert.Equal(RecoveryState.AwaitingApproval, world.Channel.HeaderUpdates[^1].View.Recovery.State);
    }

    [Fact]
    public async Task Resumes_on_the_next_change_when_the_channel_drops_a_post_delivered_inline()
    {
        var world = new RecoveryWorld();
        var id = await world.StartConfirmedAsync();
        world.Channel.FailNextThreadPosts = 1;

        await world.Stepper.AdvanceAsync(id, None);
        Assert.Equal([typeof(Planned), typeof(Confirmed)], world.Channel.ThreadOf(id).Select(t => t.Event.GetType()));

        await world.RunUntilAsync(id, RecoveryState.AwaitingApproval);

        var trail = await world.TrailAsync(id);
        Assert.Equal(trail.Select(e => e.Seq), world.Channel.ThreadOf(id).Select(t => t.Entry.Seq));
    }

    [Fact]
    public async Task Puts_the_buttons_only_on_the_entry_that_brought_the_recovery_where_it_waits()
    {
        var world = Quiet();
        var id = await world.AwaitingApprovalAsync();

        await world.Announcer.DeliverAsync(id, None);

        var withActions = Assert.Single(world.Channel.ThreadOf(id), t => t.Actions.Count > 0);
        Assert.IsType<ValidationCompleted>(withActions.Event);
        Assert.Equal([RecoveryTrigger.Approve, RecoveryTrigger.Reject, RecoveryTrigger.Abort], withActions.Offered);
        var thread = await world.Threads.FindAsync(id, world.Channel.Name, None);
        Assert.Equal((withActions.Message, withActions.Entry.Seq), (thread!.OpenActions, thread.OpenActionsSeq));
    }

    [Fact]
    public async Task Offers_no_buttons_on_a_plan_that_was_confirmed_before_it_was_told()
    {
        var world = Quiet();
        var id = await world.StartConfirmedAsync();

        await world.Announcer.DeliverAsync(id, None);

        Assert.Equal([typeof(Planned), typeof(Confirmed)], world.Channel.ThreadOf(id).Select(t => t.Event.GetType()));
        Assert.All(world.Channel.ThreadOf(id), t => Assert.Empty(t.Actions));
        Assert.Empty(world.Channel.Closed);
    }

    [Fact]
    public async Task Closes_the_buttons_with_what_the_bot_did_when_the_bot_moves_the_recovery_on()
    {
        var world = new RecoveryWorld();
        var id = await world.StartConfirmedAsync(RecoveryMode.Drill, autoApprove: true);

        await world.RunUntilAsync(id, RecoveryState.Completed);

        Assert.Equal([typeof(Planned), typeof(ValidationCompleted)], world.Channel.Closed.Select(c => c.OfferedWith.Event.GetType()));
        var closed = world.Channel.Closed[^1];
        Assert.IsType<ValidationCompleted>(closed.OfferedWith.Event);
        Assert.Equal(Actor.Bot, closed.ClosedBy.Actor);
        Assert.IsType<Approved>(closed.ClosedBy.Event);
    }

    /// <summary>A world whose changes are saved and signalled but not delivered until a test delivers them.</summary>
    private static RecoveryWorld Quiet()
    {
        var world = new RecoveryWorld();
        world.Signals.DeliverInline = false;
        return world;
    }
}
