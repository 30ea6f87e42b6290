using Pitr.Domain.Ports;
using Pitr.Domain.Recoveries;
using Pitr.Domain.Recoveries.Events;
using Pitr.Domain.Recoveries.Start;
using Pitr.Domain.Tests.Fakes;

namespace Pitr.Domain.Tests.Recoveries;

public sealed class StartRecoveryTests
{
    private static readonly RestorableWindow Window = new(RecoveryWorld.Now.AddDays(-30), RecoveryWorld.Now.AddMinutes(-1));

    [Fact]
    public async Task Refuses_and_creates_nothing_when_the_time_is_in_the_future()
    {
        var world = new RecoveryWorld();

        var result = await world.StartAsync("2024-05-01T10:45:00Z");

        Assert.Equal(ResultStatus.Refused, result.Status);
        Assert.Equal(new TargetInFuture(new DateTimeOffset(2024, 5, 1, 10, 45, 0, TimeSpan.Zero), RecoveryWorld.Now), result.Why);
        await AssertNothingCreatedAsync(world);
    }

    [Fact]
    public async Task Refuses_with_the_window_and_creates_nothing_when_the_time_is_before_the_earliest_restorable_time()
    {
        var world = new RecoveryWorld();

        var result = await world.StartAsync("2024-03-01T00:00:00Z");

        Assert.Equal(ResultStatus.Refused, result.Status);
        var outside = Assert.IsType<OutsideWindow>(result.Why);
        Assert.Equal(new OutsideWindow(new DateTimeOffset(2024, 3, 1, 0, 0, 0, TimeSpan.Zero), "orders", Window), outside);
        Assert.True(outside.TooEarly);
        await AssertNothingCreatedAsync(world);
    }

    [Fact]
    public async Task Refuses_with_the_window_and_creates_nothing_when_the_time_is_after_the_latest_restorable_time()
    {
        var world = new RecoveryWorld();

        var result = await world.StartAsync("2024-05-01T12:39:30+02:00");

        Assert.Equal(ResultStatus.Refused, result.Status);
        var outside = Assert.IsType<OutsideWindow>(result.Why);
        Assert.Equal(new OutsideWindow(new DateTimeOffset(2024, 5, 1, 10, 39, 30, TimeSpan.Zero), "orders", Window), outside);
        Assert.False(outside.TooEarly);
        await AssertNothingCreatedAsync(world);
    }

    [Theory]
    [InlineData("2024-05-01T10:32:15", TargetProblem.NoOffset)]
    [InlineData("yesterday Z", TargetProblem.Malformed)]
    [InlineData("", TargetProblem.Missing)]
    public async Task Goes_no_further_than_the_edge_and_creates_nothing_when_the_typed_time_does_not_parse(string typed, TargetProblem problem)
    {
        var world = new RecoveryWorld();

        var result = await world.StartAsync(typed);

        Assert.Equal(new InvalidTarget(typed, problem), result.Why);
        await AssertNothingCreatedAsync(world);
    }

    [Fact]
    public async Task Refuses_a_recovery_without_a_target_time()
    {
        var world = new RecoveryWorld();

        var result = await world.StartHandler.Handle(new StartRecovery(null, null, RecoveryWorld.Alice, "C1"), CancellationToken.None);

        Assert.Equal(new InvalidTarget(null, TargetProblem.Missing), result.Why);
        await AssertNothingCreatedAsync(world);
    }

    [Theory]
    [InlineData("2024-05-01T10:32:15Z")]
    [InlineData("2024-05-01T12:32:15+02:00")]
    [InlineData("2024-05-01T06:32:15-0400")]
    public async Task Plans_the_same_target_whatever_offset_it_was_typed_with(string target)
    {
        var world = new RecoveryWorld();

        var result = await world.StartAsync(target);

        Assert.True(result.Succeeded, $"{result.Why}");
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 10, 32, 15, TimeSpan.Zero), result.Recovery!.CurrentAttempt.Target);
        Assert.Equal(target, Assert.IsType<Planned>((await world.TrailAsync(result.Recovery.Id))[0].Event).Target.AsTyped);
    }

    [Fact]
    public async Task Shows_the_plan_with_confirm_and_cancel_and_restores_nothing_yet()
    {
        var world = new RecoveryWorld();

        var result = await world.StartAsync();

        var id = result.Recovery!.Id;
        Assert.Equal(RecoveryState.Requested, result.Recovery.State);
        var header = Assert.Single(world.Channel.HeaderPosts);
        Assert.Equal((id, RecoveryState.Requested), (header.Recovery.Id, header.Recovery.State));
        var plan = Assert.Single(world.Channel.ThreadOf(id));
        var planned = Assert.IsType<Planned>(plan.Event);
        Assert.Equal($"pitr-{id}-a1", planned.Identifier);
        Assert.Equal((RecoveryMode.Recovery, "orders-prod", Window), (planned.Mode, planned.SourceIdentifier, planned.Window));
        Assert.Equal([RecoveryTrigger.Confirm, RecoveryTrigger.Cancel, RecoveryTrigger.Abort], plan.Offered);
        Assert.All(plan.Actions, a => Assert.Equal((id, RecoveryState.Requested), (a.RecoveryId, a.OfferedIn)));
        Assert.Empty(world.Log.Calls);
    }

    [Fact]
    public async Task Refuses_a_second_recovery_of_the_same_database_while_one_is_active()
    {
        var world = new RecoveryWorld();
        var first = await world.StartAsync();

        var second = await world.StartAsync("2024-05-01T10:30:00Z", by: RecoveryWorld.Bob);

        Assert.Equal(ResultStatus.Refused, second.Status);
        Assert.Equal(new AlreadyActive(first.Recovery!.Id, "orders", RecoveryState.Requested, RecoveryWorld.Alice), second.Why);
        Assert.Single(await world.Store.ListRecentAsync(null, 10, CancellationToken.None));
    }

    [Fact]
    public async Task Refuses_an_unknown_database_naming_the_configured_ones()
    {
        var world = new RecoveryWorld();

        var result = await world.StartAsync(database: "billing");

        Assert.Equal(ResultStatus.Refused, result.Status);
        var unknown = Assert.IsType<UnknownDatabase>(result.Why);
        Assert.Equal("billing", unknown.Database);
        Assert.Equal(["orders"], unknown.Configured);
        await AssertNothingCreatedAsync(world);
    }

    [Fact]
    public async Task Lands_a_drill_just_before_the_latest_restorable_time_when_no_time_is_given()
    {
        var world = new RecoveryWorld();

        var result = await world.StartAsync(target: null, mode: RecoveryMode.Drill);

        Assert.True(result.Succeeded, $"{result.Why}");
        Assert.Equal(world.Restorer.Window.Latest - world.Policy.DrillLag, result.Recovery!.CurrentAttempt.Target);
        Assert.Equal(RecoveryMode.Drill, result.Recovery.Mode);
    }

    [Fact]
    public async Task Plans_without_a_warning_when_no_recovery_has_cut_over()
    {
        var world = new RecoveryWorld();

        var result = await world.StartAsync();

        Assert.Null(Assert.IsType<Planned>(world.Channel.ThreadOf(result.Recovery!.Id)[^1].Event).Warning);
        Assert.Null(result.Recovery.Warning);
    }

    private static async Task AssertNothingCreatedAsync(RecoveryWorld world)
    {
        Assert.Empty(await world.Store.ListRecentAsync(null, 10, CancellationToken.None));
        Assert.Empty(world.Channel.HeaderPosts);
        Assert.Empty(world.Signals.Told);
    }
}
