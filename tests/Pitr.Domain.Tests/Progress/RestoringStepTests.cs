using Pitr.Domain.Recoveries;
using Pitr.Domain.Tests.Fakes;

namespace Pitr.Domain.Tests.Progress;

/// <summary>How long the Restoring step waits between status calls: the engine's say first, the database's poll interval otherwise.</summary>
public sealed class RestoringStepTests
{
    [Fact]
    public async Task Waits_what_the_engine_suggests_while_the_restore_is_created()
    {
        var world = new RecoveryWorld();
        world.Restorer.Stuck = true;
        world.Restorer.RecheckAfter = TimeSpan.Zero;

        var waits = await WaitsWhileRestoringAsync(world);

        Assert.Equal([TimeSpan.Zero, TimeSpan.Zero], waits);
    }

    [Fact]
    public async Task Waits_the_poll_interval_when_the_engine_has_no_say()
    {
        var world = new RecoveryWorld();
        world.Restorer.Stuck = true;

        var waits = await WaitsWhileRestoringAsync(world);

        Assert.Equal([world.Policy.PollInterval, world.Policy.PollInterval], waits);
    }

    [Fact]
    public async Task Moves_on_to_validation_on_the_status_call_that_sees_the_restore_available()
    {
        var world = new RecoveryWorld();
        world.Restorer.PollsUntilAvailable = 2;
        world.Restorer.RecheckAfter = TimeSpan.Zero;
        var id = await world.StartConfirmedAsync();

        for (var step = 0; step < 4; step++)
        {
            await world.Stepper.AdvanceAsync(id, CancellationToken.None);
        }

        Assert.Equal(RecoveryState.Validating, (await world.SnapshotAsync(id)).State);
    }

    /// <summary>Starts the restore (first step), then returns the waits of the next two steps.</summary>
    private static async Task<TimeSpan[]> WaitsWhileRestoringAsync(RecoveryWorld world)
    {
        var id = await world.StartConfirmedAsync();
        await world.Stepper.AdvanceAsync(id, CancellationToken.None);
        var waits = new[]
        {
            await world.Stepper.AdvanceAsync(id, CancellationToken.None),
            await world.Stepper.AdvanceAsync(id, CancellationToken.None),
        };
        Assert.Equal(RecoveryState.Restoring, (await world.SnapshotAsync(id)).State);
        return waits;
    }
}
