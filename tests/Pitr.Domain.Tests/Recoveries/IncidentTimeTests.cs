using Pitr.Domain.Recoveries;
using Pitr.Domain.Recoveries.Events;
using Pitr.Domain.Tests.Fakes;

namespace Pitr.Domain.Tests.Recoveries;

/// <summary>The incident time is what a person or an alert said it was; nobody invents one.</summary>
public sealed class IncidentTimeTests
{
    [Fact]
    public async Task Leaves_the_incident_time_and_the_data_loss_unknown_when_nobody_gave_one()
    {
        var world = new RecoveryWorld();

        var started = await world.StartAsync();

        var recovery = started.Recovery!;
        Assert.Null(recovery.IncidentAt);
        Assert.Null(Assert.IsType<Planned>((await world.TrailAsync(recovery.Id))[0].Event).IncidentAt);
        Assert.Null(RecoveryReport.From(recovery, [], recovery.RequestedAt).DataLoss);
    }

    [Fact]
    public async Task Measures_the_data_loss_from_the_incident_time_given()
    {
        var world = new RecoveryWorld();
        var incident = DateTimeOffset.Parse(RecoveryWorld.DefaultTarget, System.Globalization.CultureInfo.InvariantCulture).AddSeconds(4.25);

        var started = await world.StartAsync(incidentAt: incident);

        var recovery = started.Recovery!;
        Assert.Equal(incident, Assert.IsType<Planned>((await world.TrailAsync(recovery.Id))[0].Event).IncidentAt);
        Assert.Equal(TimeSpan.FromSeconds(4.25), RecoveryReport.From(recovery, [], recovery.RequestedAt).DataLoss);
    }
}
