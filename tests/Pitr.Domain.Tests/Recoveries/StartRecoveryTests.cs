using Pitr.Domain.Ports;
using Pitr.Domain.Recoveries;
using Pitr.Domain.Tests.Fakes;

namespace Pitr.Domain.Tests.Recoveries;

public sealed class StartRecoveryTests
{
    [Theory]
    [InlineData("2024-05-01T10:32:15", "`2024-05-01T10:32:15` has no UTC offset, so it is ambiguous. Add `Z` for UTC or an offset such as `+02:00`, e.g. `2024-05-01T10:32:15Z`.")]
    [InlineData("yesterday Z", "`yesterday Z` is not a valid ISO-8601 time. Use the form `2024-05-01T10:32:15Z`.")]
    [InlineData("", "Give the time to restore to, with its offset, e.g. `2024-05-01T10:32:15Z` or `2024-05-01T12:32:15+02:00`.")]
    [InlineData("2024-05-01T10:45:00Z", "2024-05-01T10:45:00Z is in the future (it is now 2024-05-01T10:40:00Z). Give a time before the damage, e.g. `2024-05-01T10:35:00Z`.")]
    [InlineData("2024-03-01T00:00:00Z", "2024-03-01T00:00:00Z is before the earliest restorable time of `orders`. Restorable window: 2024-04-01T10:40:00Z → 2024-05-01T10:39:00Z. Pick a time inside it, e.g. `2024-04-01T10:40:00Z`.")]
    [InlineData("2024-05-01T12:39:30+02:00", "2024-05-01T10:39:30Z is after the latest restorable time of `orders` (changes after it are not archived yet). Restorable window: 2024-04-01T10:40:00Z → 2024-05-01T10:39:00Z. Pick a time inside it, e.g. `2024-05-01T10:39:00Z`, or try again in a minute.")]
    public async Task Refuses_with_an_actionable_message_and_creates_nothing_when_the_time_is_wrong(string target, string message)
    {
        var world = new RecoveryWorld();

        var result = await world.StartAsync(target);

        Assert.False(result.Succeeded);
        Assert.Equal(message, result.Message);
        Assert.Empty(await world.Store.ListRecentAsync(null, 10, CancellationToken.None));
        Assert.Empty(world.Channel.Headers);
    }

    [Theory]
    [InlineData("2024-05-01T10:32:15Z")]
    [InlineData("2024-05-01T12:32:15+02:00")]
    [InlineData("2024-05-01T06:32:15-0400")]
    public async Task Plans_the_same_target_whatever_offset_it_was_typed_with(string target)
    {
        var world = new RecoveryWorld();

        var result = await world.StartAsync(target);

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 10, 32, 15, TimeSpan.Zero), result.Recovery!.CurrentAttempt.Target);
    }

    [Fact]
    public async Task Shows_the_plan_with_confirm_and_cancel_and_restores_nothing_yet()
    {
        var world = new RecoveryWorld();

        var result = await world.StartAsync();

        Assert.Equal(RecoveryState.Requested, result.Recovery!.State);
        var plan = Assert.Single(world.Channel.Thread);
        Assert.Contains($"NEW database `pitr-{result.Recovery.Id}-a1`", plan.Text, StringComparison.Ordinal);
        Assert.Equal([RecoveryActionKind.Confirm, RecoveryActionKind.Cancel, RecoveryActionKind.Abort], plan.Actions!.Select(a => a.Kind));
        Assert.Empty(world.Log.Calls);
    }

    [Fact]
    public async Task Refuses_a_second_recovery_of_the_same_database_while_one_is_active()
    {
        var world = new RecoveryWorld();
        var first = await world.StartAsync();

        var second = await world.StartAsync("2024-05-01T10:30:00Z", by: RecoveryWorld.Bob);

        Assert.False(second.Succeeded);
        Assert.Equal($"Recovery `{first.Recovery!.Id}` of `orders` is already Requested (started by @alice). Follow it in its thread, or `/pitr abort {first.Recovery.Id}` first.", second.Message);
        Assert.Single(await world.Store.ListRecentAsync(null, 10, CancellationToken.None));
    }

    [Fact]
    public async Task Refuses_an_unknown_database_naming_the_configured_ones()
    {
        var world = new RecoveryWorld();

        var result = await world.StartHandler.Handle(
            new Pitr.Domain.Recoveries.Start.StartRecovery("billing", "2024-05-01T10:32:15Z", RecoveryWorld.Alice, "C1"), CancellationToken.None);

        Assert.Equal("There is no database `billing`. Configured: `orders`.", result.Message);
    }

    [Fact]
    public async Task Lands_a_drill_just_before_the_latest_restorable_time_when_no_time_is_given()
    {
        var world = new RecoveryWorld();

        var result = await world.StartAsync(target: null, mode: RecoveryMode.Drill);

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal(world.Restorer.Window.Latest - world.Policy.DrillLag, result.Recovery!.CurrentAttempt.Target);
    }

    [Fact]
    public async Task Warns_in_the_plan_when_the_last_cutover_moved_production_off_the_configured_source()
    {
        var world = new RecoveryWorld();
        var id = await world.StartConfirmedAsync();
        await world.RunUntilAsync(id, RecoveryState.AwaitingApproval);
        await world.ApproveAsync(id, RecoveryWorld.Bob);
        await world.RunUntilAsync(id, RecoveryState.Completed);

        var next = await world.StartAsync("2024-05-01T10:35:00Z");

        Assert.True(next.Succeeded, next.Message);
        Assert.Contains($"Recovery `{id}` cut `orders` over to `pitr-{id}-a1`", world.Channel.Thread[^1].Text, StringComparison.Ordinal);
        Assert.Contains("restores from the configured source `orders-prod`", world.Channel.Thread[^1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plans_without_a_warning_when_no_recovery_has_cut_over()
    {
        var world = new RecoveryWorld();

        await world.StartAsync();

        Assert.DoesNotContain(":warning:", world.Channel.Thread[^1].Text, StringComparison.Ordinal);
    }
}
