using Pitr.Domain.Recoveries;
using Pitr.Domain.Recoveries.Events;
using Pitr.Domain.Tests.Fakes;

namespace Pitr.Domain.Tests.Recoveries;

/// <summary>load → check → fire → save with retry → signal: the one way a recovery changes.</summary>
public sealed class RecoveryUnitOfWorkTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Drops_a_step_outcome_when_a_person_moved_the_recovery_while_the_step_ran()
    {
        var world = new RecoveryWorld();
        var id = await world.StartConfirmedAsync();
        await world.RunUntilAsync(id, RecoveryState.Validating);
        RecoveryResult? abort = null;
        world.Validation.Meanwhile = async () => abort = await world.ActAsync(id, RecoveryTrigger.Abort, RecoveryWorld.Bob);

        await world.Stepper.AdvanceAsync(id, None);

        Assert.True(abort!.Succeeded, $"{abort.Why}");
        var after = await world.SnapshotAsync(id);
        Assert.Equal(RecoveryState.Aborted, after.State);
        Assert.Null(after.CurrentAttempt.Validation);
        var trail = await world.TrailAsync(id);
        Assert.DoesNotContain(trail, e => e.Event is ValidationCompleted);
        Assert.Equal([typeof(Aborted), typeof(Deleted)], trail.SkipWhile(e => e.Event is not Aborted).Select(e => e.Event.GetType()));
    }

    [Fact]
    public async Task Checks_again_on_the_fresh_state_and_answers_moved_on_when_the_recovery_changed_since_it_was_loaded()
    {
        var world = new RecoveryWorld();
        var id = await world.StartConfirmedAsync();
        var stale = await world.Repository.FindAsync(id, None);
        await world.ActAsync(id, RecoveryTrigger.Abort, RecoveryWorld.Bob);
        var checkedIn = new List<RecoveryState>();

        var result = await world.Work.RunAsync(id, async r =>
        {
            checkedIn.Add(r.State);
            if (r.State != RecoveryState.Restoring)
            {
                return new MovedOn(RecoveryState.Restoring, r.State);
            }

            await r.StepFailedAsync(new StepFailed("engine unreachable"));
            return null;
        }, None, loaded: stale);

        Assert.Equal([RecoveryState.Restoring, RecoveryState.Aborted], checkedIn);
        Assert.Equal(ResultStatus.Refused, result.Status);
        Assert.Equal(new MovedOn(RecoveryState.Restoring, RecoveryState.Aborted), result.Why);
        Assert.Equal(RecoveryState.Aborted, (await world.SnapshotAsync(id)).State);
        Assert.DoesNotContain(await world.TrailAsync(id), e => e.Event is StepFailed);
    }

    [Fact]
    public async Task Signals_after_each_saved_change_with_the_change_already_stored()
    {
        var world = new RecoveryWorld();

        var id = (await world.StartAsync()).Recovery!.Id;
        Assert.Equal([new Signal(id, RecoveryState.Requested, 1)], world.Signals.Told);

        await world.ConfirmAsync(id);
        Assert.Equal(new Signal(id, RecoveryState.Restoring, 2), world.Signals.Told[^1]);

        await world.Stepper.AdvanceAsync(id, None);
        Assert.Equal(new Signal(id, RecoveryState.Restoring, 3), world.Signals.Told[^1]);
        Assert.IsType<RestoreRequested>((await world.TrailAsync(id))[^1].Event);

        await world.RunUntilAsync(id, RecoveryState.Validating);
        Assert.Equal(new Signal(id, RecoveryState.Validating, 4), world.Signals.Told[^1]);
        Assert.Equal(4, world.Signals.Told.Count);
    }

    [Fact]
    public async Task Saves_nothing_and_signals_nothing_when_a_step_only_waits_or_a_person_is_refused()
    {
        var world = new RecoveryWorld();
        world.Restorer.PollsUntilAvailable = 3;
        var id = await world.StartConfirmedAsync();
        await world.Stepper.AdvanceAsync(id, None);
        var told = world.Signals.Told.Count;
        var version = (await world.SnapshotAsync(id)).Version;

        var wait = await world.Stepper.AdvanceAsync(id, None);
        var refused = await world.ActAsync(id, RecoveryTrigger.Approve, RecoveryWorld.Bob);
        var unchanged = await world.Work.RunAsync(id, _ => ValueTask.FromResult<Refusal?>(null), None);

        Assert.Equal(world.Policy.PollInterval, wait);
        Assert.Equal(ResultStatus.Refused, refused.Status);
        Assert.Equal(ResultStatus.Done, unchanged.Status);
        Assert.Equal(told, world.Signals.Told.Count);
        Assert.Equal(version, (await world.SnapshotAsync(id)).Version);
    }
}
