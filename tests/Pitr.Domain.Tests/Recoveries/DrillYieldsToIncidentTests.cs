using Pitr.Domain.Recoveries;
using Pitr.Domain.Recoveries.Events;
using Pitr.Domain.Tests.Fakes;

namespace Pitr.Domain.Tests.Recoveries;

/// <summary>A real incident always wins: starting a recovery aborts the drill that holds the database.</summary>
public sealed class DrillYieldsToIncidentTests
{
    private readonly RecoveryWorld world = new();

    [Fact]
    public async Task Recovery_start_aborts_a_restoring_drill_and_is_planned()
    {
        var drill = await world.StartConfirmedAsync(RecoveryMode.Drill, autoApprove: true);

        var incident = await world.StartAsync(by: RecoveryWorld.Bob);

        Assert.True(incident.Succeeded, $"refused: {incident.Why}");
        var aborted = await world.SnapshotAsync(drill);
        Assert.Equal(RecoveryState.Aborted, aborted.State);
        Assert.Contains(aborted.Deletions, d => d.Identifier == aborted.CurrentAttempt.Identifier && d.DoneAt is null);
        var yielded = Assert.Single(await world.TrailAsync(drill), e => e.Event is DrillYielded);
        Assert.Equal(new DrillYielded(aborted.CurrentAttempt.Identifier, incident.Recovery!.Id), yielded.Event);
        Assert.Equal(RecoveryWorld.Bob, yielded.Actor);
        var planned = Assert.IsType<Planned>(Assert.Single(await world.TrailAsync(incident.Recovery.Id), e => e.Event is Planned).Event);
        Assert.Equal(drill, planned.AbortedDrill);
    }

    [Fact]
    public async Task Drill_stays_when_the_recovery_is_refused_for_its_target()
    {
        var drill = await world.StartConfirmedAsync(RecoveryMode.Drill, autoApprove: true);

        var incident = await world.StartAsync("2020-01-01T00:00:00Z");

        Assert.False(incident.Succeeded);
        Assert.Equal(RecoveryState.Restoring, (await world.SnapshotAsync(drill)).State);
    }

    [Fact]
    public async Task A_drill_does_not_abort_another_drill()
    {
        var drill = await world.StartConfirmedAsync(RecoveryMode.Drill, autoApprove: true);

        var second = await world.StartAsync(null, RecoveryMode.Drill);

        Assert.IsType<AlreadyActive>(second.Why);
        Assert.Equal(RecoveryState.Restoring, (await world.SnapshotAsync(drill)).State);
    }

    [Fact]
    public async Task A_recovery_is_not_aborted_by_another_recovery()
    {
        var first = await world.StartConfirmedAsync();

        var second = await world.StartAsync(by: RecoveryWorld.Bob);

        Assert.IsType<AlreadyActive>(second.Why);
        Assert.Equal(RecoveryState.Restoring, (await world.SnapshotAsync(first)).State);
    }
}
