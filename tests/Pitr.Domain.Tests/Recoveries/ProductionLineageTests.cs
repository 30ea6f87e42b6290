using Pitr.Domain.Recoveries;
using Pitr.Domain.Recoveries.Events;
using Pitr.Domain.Recoveries.Lineage;
using Pitr.Domain.Recoveries.Window;
using Pitr.Domain.Tests.Fakes;

namespace Pitr.Domain.Tests.Recoveries;

/// <summary>After a cutover the next recovery restores from the new production; a rollback moves production back.</summary>
public sealed class ProductionLineageTests
{
    [Fact]
    public async Task Next_recovery_restores_from_the_restored_database_and_names_the_lineage_after_a_cutover()
    {
        var world = new RecoveryWorld();
        var done = await world.ApprovedUntilAsync(RecoveryState.Completed);
        var production = $"pitr-{done.Id}-a1";

        var next = await world.StartAsync("2024-05-01T10:35:00Z");
        await world.ConfirmAsync(next.Recovery!.Id);
        await world.RunUntilAsync(next.Recovery.Id, RecoveryState.AwaitingApproval);
        var window = await new GetRestorableWindowHandler(world.Catalog, world.Store).Handle(new GetRestorableWindow(null), CancellationToken.None);
        var answer = await new GetProductionHandler(world.Catalog, world.Store).Handle(new GetProduction(null), CancellationToken.None);

        var lineage = new ProductionMoved(done.Id, production, done.CompletedAt!.Value, "orders-prod");
        Assert.Equal(production, next.Recovery.SourceIdentifier);
        Assert.Equal(lineage, Assert.IsType<Planned>(world.Channel.ThreadOf(next.Recovery.Id)[0].Event).Warning);
        Assert.Contains($"restorer.From {production}", world.Log.Calls);
        Assert.Equal((production, lineage), (window.Source?.Identifier, window.Production));
        Assert.Equal(new ProductionAnswer("orders", lineage), answer);
    }

    [Fact]
    public async Task Next_recovery_restores_from_the_configured_source_again_once_the_cutover_is_rolled_back()
    {
        var world = new RecoveryWorld();
        var done = await world.ApprovedUntilAsync(RecoveryState.Completed);
        var rollback = await world.ActAsync(done.Id, RecoveryTrigger.Rollback, RecoveryWorld.Bob, reason: "checkout errors");
        Assert.True(rollback.Succeeded, $"{rollback.Why}");
        await world.RunUntilAsync(done.Id, RecoveryState.RolledBack);

        var next = await world.StartAsync("2024-05-01T10:35:00Z");

        Assert.True(next.Succeeded, $"{next.Why}");
        Assert.Equal(("orders-prod", null), (next.Recovery!.SourceIdentifier, next.Recovery.Warning));
    }

    [Fact]
    public async Task Rolling_back_a_second_cutover_moves_production_back_to_the_first_restore()
    {
        var world = new RecoveryWorld();
        var first = await world.ApprovedUntilAsync(RecoveryState.Completed);
        var second = await world.ApprovedUntilAsync(RecoveryState.Completed);
        var beforeRollback = await world.StartAsync("2024-05-01T10:35:00Z");
        await world.ActAsync(beforeRollback.Recovery!.Id, RecoveryTrigger.Abort);
        await world.ActAsync(second.Id, RecoveryTrigger.Rollback, RecoveryWorld.Bob, reason: "checkout errors");
        var rolledBack = await world.RunUntilAsync(second.Id, RecoveryState.RolledBack);

        var next = await world.StartAsync("2024-05-01T10:35:00Z");

        Assert.Equal($"pitr-{first.Id}-a1", second.SourceIdentifier);
        Assert.Equal(new ProductionMoved(second.Id, $"pitr-{second.Id}-a1", second.CompletedAt!.Value, "orders-prod"), beforeRollback.Recovery.Warning);
        Assert.Equal($"pitr-{first.Id}-a1", next.Recovery!.SourceIdentifier);
        Assert.Equal(new ProductionMoved(second.Id, $"pitr-{first.Id}-a1", rolledBack.Phases[^1].EnteredAt, "orders-prod"), next.Recovery.Warning);
    }

    [Fact]
    public async Task An_older_cutover_is_not_rolled_back_over_a_newer_one_until_the_newer_is_rolled_back()
    {
        var world = new RecoveryWorld();
        var first = await world.ApprovedUntilAsync(RecoveryState.Completed);
        var second = await world.ApprovedUntilAsync(RecoveryState.Completed);

        var skipped = await world.ActAsync(first.Id, RecoveryTrigger.Rollback, RecoveryWorld.Bob, reason: "wrong one");
        await world.ActAsync(second.Id, RecoveryTrigger.Rollback, RecoveryWorld.Bob, reason: "checkout errors");
        await world.RunUntilAsync(second.Id, RecoveryState.RolledBack);
        var inOrder = await world.ActAsync(first.Id, RecoveryTrigger.Rollback, RecoveryWorld.Bob, reason: "still wrong");
        await world.RunUntilAsync(first.Id, RecoveryState.RolledBack);
        var again = await world.ActAsync(first.Id, RecoveryTrigger.Rollback, RecoveryWorld.Bob, reason: "twice");

        var elsewhere = Assert.IsType<ProductionElsewhere>(skipped.Why);
        Assert.Equal((first.Id, $"pitr-{first.Id}-a1", second.Id, $"pitr-{second.Id}-a1"),
            (elsewhere.RecoveryId, elsewhere.Restore, elsewhere.Production?.CutoverRecoveryId, elsewhere.Production?.RunsOn));
        Assert.True(inOrder.Succeeded, $"{inOrder.Why}");
        Assert.False(again.Succeeded);
        Assert.Equal(2, world.Log.Calls.Count(c => c.StartsWith("secrets.Revert", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Completes_with_the_readiness_check_of_the_new_production_in_its_report()
    {
        var world = new RecoveryWorld();

        var done = await world.ApprovedUntilAsync(RecoveryState.Completed);

        var readiness = done.Protection?.Readiness;
        Assert.NotNull(readiness);
        Assert.Equal("orders", readiness.Database);
        Assert.Contains(readiness.Items, i => i.Name == "Backup retention");
        Assert.Contains($"restorer.From pitr-{done.Id}-a1", world.Log.Calls);
    }

    [Fact]
    public async Task A_second_person_decommissions_the_bots_own_restore_a_later_cutover_replaced_but_never_the_original_source_without_the_opt_in()
    {
        var world = new RecoveryWorld();
        var first = await world.ApprovedUntilAsync(RecoveryState.Completed);
        var second = await world.ApprovedUntilAsync(RecoveryState.Completed);
        world.Clock.Advance(world.Rules.Retention);

        var original = await world.ActAsync(first.Id, RecoveryTrigger.Decommission, RecoveryWorld.Bob);
        var byInitiator = await world.ActAsync(second.Id, RecoveryTrigger.Decommission, RecoveryWorld.Alice);
        var replaced = await world.ActAsync(second.Id, RecoveryTrigger.Decommission, RecoveryWorld.Bob);
        await world.Stepper.AdvanceAsync(second.Id, CancellationToken.None);

        Assert.Equal((ResultStatus.Refused, ResultStatus.Refused, ResultStatus.Done), (original.Status, byInitiator.Status, replaced.Status));
        Assert.Equal(1, world.Log.Count($"restorer.Delete pitr-{first.Id}-a1"));
        Assert.Equal(0, world.Log.Count("restorer.Delete orders-prod"));
    }

    [Fact]
    public async Task A_drill_leaves_production_where_it_was()
    {
        var world = new RecoveryWorld();
        var drill = await world.StartConfirmedAsync(RecoveryMode.Drill, autoApprove: true);
        await world.RunUntilAsync(drill, RecoveryState.Completed);

        var next = await world.StartAsync("2024-05-01T10:35:00Z");

        Assert.Equal(("orders-prod", null), (next.Recovery!.SourceIdentifier, next.Recovery.Warning));
    }
}
