using Pitr.Domain.Recoveries;
using Pitr.Domain.Recoveries.Events;
using Pitr.Domain.Recoveries.Status;
using Pitr.Domain.Recoveries.Window;
using Pitr.Domain.Tests.Fakes;

namespace Pitr.Domain.Tests.Queries;

/// <summary>The read side answers with data; an unknown database is a typed refusal, not a sentence.</summary>
public sealed class RecoveryQueriesTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Window_answers_the_window_and_the_source_when_the_database_is_configured()
    {
        var world = new RecoveryWorld();

        var answer = await new GetRestorableWindowHandler(world.Catalog, world.Store).Handle(new GetRestorableWindow(null), None);

        Assert.Equal(("orders", world.Restorer.Window, "orders-prod"), (answer.Database, answer.Window, answer.Source!.Identifier));
        Assert.Null(answer.Why);
    }

    [Fact]
    public async Task Window_answers_an_unknown_database_naming_the_configured_ones()
    {
        var world = new RecoveryWorld();

        var answer = await new GetRestorableWindowHandler(world.Catalog, world.Store).Handle(new GetRestorableWindow("billing"), None);

        Assert.Null(answer.Window);
        var unknown = Assert.IsType<UnknownDatabase>(answer.Why);
        Assert.Equal("billing", unknown.Database);
        Assert.Equal(["orders"], unknown.Configured);
    }

    [Fact]
    public async Task Status_answers_the_active_recovery_with_its_report_and_trail_when_no_id_is_given()
    {
        var world = new RecoveryWorld();
        var id = await world.StartConfirmedAsync();

        var status = await new GetRecoveryStatusHandler(world.Store, world.Catalog, world.Clock).Handle(new GetRecoveryStatus(null), None);

        Assert.Equal(id, status!.Recovery.Id);
        Assert.Equal((id, RecoveryState.Restoring), (status.Report.RecoveryId, status.Report.Outcome));
        Assert.Equal([typeof(Planned), typeof(Confirmed)], status.Audit.Select(e => e.Event.GetType()));
    }

    [Fact]
    public async Task Status_answers_nothing_when_there_is_no_such_recovery()
    {
        var world = new RecoveryWorld();

        var status = await new GetRecoveryStatusHandler(world.Store, world.Catalog, world.Clock).Handle(new GetRecoveryStatus("nope42"), None);

        Assert.Null(status);
    }
}
