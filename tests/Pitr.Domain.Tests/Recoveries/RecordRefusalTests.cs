using Pitr.Domain.Recoveries;
using Pitr.Domain.Recoveries.Audit;
using Pitr.Domain.Recoveries.Events;
using Pitr.Domain.Tests.Fakes;

namespace Pitr.Domain.Tests.Recoveries;

public sealed class RecordRefusalTests
{
    [Fact]
    public async Task Audits_a_request_turned_away_at_the_door_in_the_current_state_and_changes_nothing()
    {
        var world = new RecoveryWorld();
        var id = await world.StartConfirmedAsync();
        var before = await world.SnapshotAsync(id);

        await new RecordRefusalHandler(world.Store, world.Clock)
            .Handle(new RecordRefusal(id, RecoveryWorld.Carol, "approve button", "not in an allowed channel"), CancellationToken.None);

        var entry = (await world.TrailAsync(id))[^1];
        Assert.Equal(new NotAdmitted("approve button", "not in an allowed channel"), entry.Event);
        Assert.Equal((RecoveryWorld.Carol, RecoveryState.Restoring, RecoveryState.Restoring, false), (entry.Actor, entry.From, entry.To, entry.Moved));
        Assert.Equal(before, await world.SnapshotAsync(id));
    }

    [Fact]
    public async Task Records_nothing_when_the_id_names_no_recovery()
    {
        var world = new RecoveryWorld();

        await new RecordRefusalHandler(world.Store, world.Clock)
            .Handle(new RecordRefusal("../../etc", RecoveryWorld.Carol, "abort button", "not in an allowed channel"), CancellationToken.None);

        Assert.Empty(await world.TrailAsync("../../etc"));
    }
}
