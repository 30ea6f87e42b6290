using Pitr.Domain.Ports;
using Pitr.Domain.Recoveries;
using Pitr.Domain.Recoveries.Events;
using Pitr.Domain.Tests.Fakes;

namespace Pitr.Domain.Tests.Recoveries;

/// <summary>What will differ from the source is in the plan; what does differ is in the validation the report keeps.</summary>
public sealed class SettingsDiffTests
{
    private static readonly SettingDifference Class = new("DBInstanceClass", "db.r6g.xlarge", "db.r6g.2xlarge", "set by Rds:InstanceClass");
    private static readonly SettingDifference Ca = new("CACertificateIdentifier", "rds-ca-ecc384-g1", "rds-ca-rsa2048-g1");

    [Fact]
    public async Task Plan_records_what_the_engine_expects_to_differ_when_started()
    {
        var world = new RecoveryWorld();
        world.Restorer.ExpectedDifferences = [Class];

        var result = await world.StartAsync();

        var planned = Assert.IsType<Planned>(Assert.Single(await world.TrailAsync(result.Recovery!.Id)).Event);
        Assert.Equal([Class], planned.ExpectedDifferences);
    }

    [Fact]
    public async Task Validation_records_the_differences_the_engine_found_when_the_restore_is_validated()
    {
        var world = new RecoveryWorld();
        world.Restorer.Differences = [Ca];
        var id = await world.StartConfirmedAsync();

        await world.RunUntilAsync(id, RecoveryState.AwaitingApproval);

        var validated = (await world.TrailAsync(id)).Select(e => e.Event).OfType<ValidationCompleted>().Single();
        Assert.Equal([Ca], validated.Report.SettingsDiff);
    }

    [Fact]
    public async Task Validation_records_no_comparison_when_the_engine_compares_nothing()
    {
        var world = new RecoveryWorld();
        var id = await world.StartConfirmedAsync();

        await world.RunUntilAsync(id, RecoveryState.AwaitingApproval);

        var validated = (await world.TrailAsync(id)).Select(e => e.Event).OfType<ValidationCompleted>().Single();
        Assert.Null(validated.Report.SettingsDiff);
    }

    [Fact]
    public void Events_holding_differences_equal_their_copies_with_equal_items()
    {
        var window = new RestorableWindow(RecoveryWorld.Now.AddDays(-1), RecoveryWorld.Now);
        var planned = new Planned(RecoveryMode.Recovery, RecoveryWorld.Target(RecoveryWorld.DefaultTarget), "pitr-r1-a1", window, "orders-prod", null, null) { ExpectedDifferences = [Class] };
        var report = new ValidationReport([]) { SettingsDiff = [Ca] };

        Assert.Equal(planned, planned with { ExpectedDifferences = new List<SettingDifference> { Class } });
        Assert.NotEqual(planned, planned with { ExpectedDifferences = [Ca] });
        Assert.Equal(report, report with { SettingsDiff = new List<SettingDifference> { Ca } });
        Assert.NotEqual(report, report with { SettingsDiff = null });
    }
}
