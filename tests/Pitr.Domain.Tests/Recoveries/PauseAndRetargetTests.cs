using Pitr.Domain.Recoveries;
using Pitr.Domain.Recoveries.Act;
using Pitr.Domain.Recoveries.Events;
using Pitr.Domain.Tests.Fakes;

namespace Pitr.Domain.Tests.Recoveries;

/// <summary>
/// An engine that pauses at the target: Reject with a later time replays the same restore on (no new copy, nothing
/// deleted), an earlier time restores anew, and Approve promotes before the secret moves.
/// </summary>
public sealed class PauseAndRetargetTests
{
    private static readonly DateTimeOffset FirstTarget = new(2024, 5, 1, 10, 32, 15, TimeSpan.Zero);

    [Fact]
    public async Task Replays_the_paused_restore_on_without_a_new_copy_when_rejected_for_a_later_time()
    {
        var (world, _) = PausingWorld();
        var id = await world.AwaitingApprovalAsync();

        var rejected = await world.RejectAsync(id, RecoveryWorld.Bob, "2024-05-01T10:35:00Z");
        Assert.True(rejected.Succeeded, $"{rejected.Why}");
        var again = await world.RunUntilAsync(id, RecoveryState.AwaitingApproval);

        var later = new DateTimeOffset(2024, 5, 1, 10, 35, 0, TimeSpan.Zero);
        Assert.Equal([RestoreMethod.NewRestore, RestoreMethod.ContinuedReplay], again.Attempts.Select(a => a.Method));
        Assert.Equal($"pitr-{id}-a1", again.CurrentAttempt.Identifier);
        Assert.Equal(later, again.CurrentAttempt.Target);
        Assert.True(again.CurrentAttempt.PausedAtTarget);
        Assert.Contains($"restorer.Continue pitr-{id}-a1 2024-05-01T10:35:00.0000000+00:00", world.Log.Calls);
        Assert.Equal(1, world.Log.Count("restorer.Start"));
        Assert.Equal(0, world.Log.Count("restorer.Delete"));
        Assert.Empty(again.Deletions);
        var trail = await world.TrailAsync(id);
        Assert.Equal(RestoreMethod.ContinuedReplay, Assert.Single(trail, e => e.Event is Rejected).Event is Rejected j ? j.Method : default);
        var available = trail.Select(e => e.Event).OfType<RestoreAvailable>().ToList();
        Assert.Equal([RestoreMethod.NewRestore, RestoreMethod.ContinuedReplay], available.Select(a => a.Method));
        Assert.All(available, a => Assert.True(a.PausedAtTarget));
        Assert.Equal(2, world.Log.Count("validation.Run"));
        var report = RecoveryReport.From(again, trail, world.Clock.GetUtcNow());
        Assert.Equal([(1, FirstTarget, RestoreMethod.NewRestore), (2, later, RestoreMethod.ContinuedReplay)], report.Restores.Select(r => (r.Attempt, r.Target, r.Method)));
        Assert.All(report.Restores, r => Assert.NotNull(r.Took));
    }

    [Fact]
    public async Task Restores_anew_and_deletes_the_paused_restore_when_rejected_for_an_earlier_time()
    {
        var (world, _) = PausingWorld();
        var id = await world.AwaitingApprovalAsync();

        var rejected = await world.RejectAsync(id, RecoveryWorld.Bob, "2024-05-01T10:30:00Z");
        Assert.True(rejected.Succeeded, $"{rejected.Why}");
        var again = await world.RunUntilAsync(id, RecoveryState.AwaitingApproval);

        Assert.Equal([RestoreMethod.NewRestore, RestoreMethod.NewRestore], again.Attempts.Select(a => a.Method));
        Assert.Equal($"pitr-{id}-a2", again.CurrentAttempt.Identifier);
        Assert.Contains($"restorer.Delete pitr-{id}-a1", world.Log.Calls);
        Assert.Equal(0, world.Log.Count("restorer.Continue"));
    }

    [Fact]
    public async Task Refuses_a_later_time_when_the_engine_does_not_pause()
    {
        var world = new RecoveryWorld();
        var id = await world.AwaitingApprovalAsync();

        var result = await world.RejectAsync(id, RecoveryWorld.Bob, "2024-05-01T10:35:00Z");

        Assert.Equal(ResultStatus.Refused, result.Status);
        Assert.Contains("a later target, and the restore is paused at its target (it replays on, without a new copy)", Assert.IsType<NotPermitted>(result.Why).Unmet);
        Assert.Equal(0, world.Log.Count("restorer.Continue"));
    }

    [Fact]
    public async Task Promotes_the_paused_restore_before_the_secret_moves_when_approved()
    {
        var (world, _) = PausingWorld();
        var id = await world.AwaitingApprovalAsync();

        var approved = await world.ApproveAsync(id, RecoveryWorld.Bob);
        Assert.True(approved.Succeeded, $"{approved.Why}");
        await world.RunUntilAsync(id, RecoveryState.Completed);

        var calls = world.Log.Calls.ToList();
        var promoted = calls.IndexOf($"restorer.Promote pitr-{id}-a1");
        Assert.True(promoted >= 0, string.Join("\n", calls));
        Assert.True(promoted < calls.IndexOf($"secrets.PointAt pitr-{id}-a1"), string.Join("\n", calls));
    }

    [Fact]
    public async Task Leaves_the_secret_alone_when_the_paused_restore_cannot_be_promoted()
    {
        var (world, engine) = PausingWorld();
        engine.PromotionFails = "still in recovery";
        var id = await world.AwaitingApprovalAsync();

        await world.ApproveAsync(id, RecoveryWorld.Bob);
        var failed = await world.RunUntilAsync(id, RecoveryState.Failed);

        Assert.Equal(RecoveryState.CuttingOver, failed.FailedIn);
        Assert.Null(failed.SecretChange);
        Assert.Equal(0, world.Log.Count("secrets.PointAt"));
    }

    private static (RecoveryWorld World, PausingRestorer Engine) PausingWorld()
    {
        var log = new CallLog();
        PausingRestorer? engine = null;
        var world = new RecoveryWorld(log: log, adapters: b => b with { Restorer = engine = new PausingRestorer(b.Restorer, log) });
        return (world, engine!);
    }
}
