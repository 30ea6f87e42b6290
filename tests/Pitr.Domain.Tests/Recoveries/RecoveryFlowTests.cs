using Pitr.Domain.Recoveries;
using Pitr.Domain.Tests.Fakes;

namespace Pitr.Domain.Tests.Recoveries;

public sealed class RecoveryFlowTests
{
    [Fact]
    public async Task Reaches_completed_calling_every_port_once_in_order_when_everything_succeeds()
    {
        var world = new RecoveryWorld();
        var id = await world.StartConfirmedAsync();

        await world.RunUntilAsync(id, RecoveryState.AwaitingApproval);
        var approved = await world.ApproveAsync(id, RecoveryWorld.Bob);
        Assert.True(approved.Succeeded, approved.Message);
        var done = await world.RunUntilAsync(id, RecoveryState.Completed);

        var identifier = $"pitr-{id}-a1";
        Assert.Equal(
            [
                $"restorer.Start {identifier} 2024-05-01T10:32:15.0000000+00:00",
                $"validation.Run {identifier}",
                $"secrets.PointAt {identifier}",
                $"workloads.Restart {done.RestartedAt:O}",
                "health.Wait",
            ],
            world.Log.Calls);
        Assert.Equal(AttemptOutcome.CutOver, done.CurrentAttempt.Outcome);
        Assert.Equal(RecoveryWorld.Bob, done.Approver);
    }

    [Fact]
    public async Task Lists_every_transition_with_actor_and_time_in_the_audit_trail_when_completed()
    {
        var world = new RecoveryWorld();
        var id = await world.StartConfirmedAsync();
        await world.RunUntilAsync(id, RecoveryState.AwaitingApproval);
        await world.ApproveAsync(id, RecoveryWorld.Bob);
        await world.RunUntilAsync(id, RecoveryState.Completed);

        var trail = await world.Store.GetAuditTrailAsync(id, CancellationToken.None);
        var transitions = trail.Where(e => e.From != e.To).Select(e => (e.Action, e.From, e.To, e.Actor.Name)).ToList();

        Assert.Equal(
            [
                ("Confirm", RecoveryState.Requested, RecoveryState.Restoring, "alice"),
                ("RestoreAvailable", RecoveryState.Restoring, RecoveryState.Validating, "pitr-bot"),
                ("ValidationCompleted", RecoveryState.Validating, RecoveryState.AwaitingApproval, "pitr-bot"),
                ("Approve", RecoveryState.AwaitingApproval, RecoveryState.CuttingOver, "bob"),
                ("SecretUpdated", RecoveryState.CuttingOver, RecoveryState.Restarting, "pitr-bot"),
                ("RolloutCompleted", RecoveryState.Restarting, RecoveryState.Verifying, "pitr-bot"),
                ("HealthConfirmed", RecoveryState.Verifying, RecoveryState.Completed, "pitr-bot"),
            ],
            transitions);
        Assert.Equal("Start", trail[0].Action);
        Assert.All(trail, e => Assert.InRange(e.At, RecoveryWorld.Now, world.Clock.GetUtcNow()));
        Assert.True(trail.Zip(trail.Skip(1)).All(p => p.First.At <= p.Second.At), "audit entries are in time order");
    }

    [Fact]
    public async Task Posts_the_report_with_data_loss_and_rto_when_completed()
    {
        var world = new RecoveryWorld();
        var id = await world.StartConfirmedAsync();
        await world.RunUntilAsync(id, RecoveryState.AwaitingApproval);
        await world.ApproveAsync(id, RecoveryWorld.Bob);
        await world.RunUntilAsync(id, RecoveryState.Completed);

        var report = world.Channel.Thread[^1].Text;
        Assert.Contains("Recovery report", report, StringComparison.Ordinal);
        Assert.Contains("data-loss window 7m 45s", report, StringComparison.Ordinal);
        Assert.Contains("RTO", report, StringComparison.Ordinal);
        Assert.Equal("Completed", world.Channel.Headers[^1].State);
    }

    [Fact]
    public async Task Links_the_dashboard_in_the_report_when_the_health_probe_gives_one()
    {
        var world = new RecoveryWorld();
        world.Health.Dashboard = new Uri("https://grafana.example/d/orders?from=1714559400000");
        var id = await world.StartConfirmedAsync();
        await world.RunUntilAsync(id, RecoveryState.AwaitingApproval);
        await world.ApproveAsync(id, RecoveryWorld.Bob);
        await world.RunUntilAsync(id, RecoveryState.Completed);

        Assert.Contains("• Dashboard: https://grafana.example/d/orders?from=1714559400000", world.Channel.Thread[^1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Never_touches_the_secret_or_the_workloads_when_drilling()
    {
        var world = new RecoveryWorld();
        var id = await world.StartConfirmedAsync(RecoveryMode.Drill);
        await world.RunUntilAsync(id, RecoveryState.AwaitingApproval);
        var finished = await world.ApproveAsync(id, RecoveryWorld.Alice);
        Assert.True(finished.Succeeded, finished.Message);
        var done = await world.RunUntilAsync(id, RecoveryState.Completed);
        await world.Stepper.AdvanceAsync(id, CancellationToken.None);

        Assert.Equal(0, world.Log.Count("secrets."));
        Assert.Equal(0, world.Log.Count("workloads."));
        Assert.Equal(0, world.Log.Count("health."));
        Assert.Contains($"restorer.Delete pitr-{id}-a1", world.Log.Calls);
        Assert.Equal(AttemptOutcome.Drilled, done.CurrentAttempt.Outcome);
        Assert.Contains(world.Channel.Thread, m => m.Text.Contains("Drill report", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Finishes_a_drill_without_a_person_when_auto_approved()
    {
        var world = new RecoveryWorld();
        var id = await world.StartConfirmedAsync(RecoveryMode.Drill, autoApprove: true);

        var done = await world.RunUntilAsync(id, RecoveryState.Completed);

        Assert.Equal(Actor.Bot, done.Approver);
    }

    [Fact]
    public async Task Restores_again_to_the_earlier_time_and_deletes_the_rejected_restore_when_rejected()
    {
        var world = new RecoveryWorld();
        var id = await world.StartConfirmedAsync();
        await world.RunUntilAsync(id, RecoveryState.AwaitingApproval);

        var rejected = await world.RejectAsync(id, RecoveryWorld.Bob, "2024-05-01T10:30:00Z");
        Assert.True(rejected.Succeeded, rejected.Message);
        var again = await world.RunUntilAsync(id, RecoveryState.AwaitingApproval);

        Assert.Equal(2, again.Attempts.Count);
        Assert.Equal(AttemptOutcome.Rejected, again.Attempts[0].Outcome);
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 10, 30, 0, TimeSpan.Zero), again.CurrentAttempt.Target);
        Assert.Contains($"restorer.Delete pitr-{id}-a1", world.Log.Calls);
        Assert.Contains($"restorer.Start pitr-{id}-a2 2024-05-01T10:30:00.0000000+00:00", world.Log.Calls);
        Assert.DoesNotContain($"pitr-{id}-a1", world.Restorer.Existing);
    }

    [Fact]
    public async Task Refuses_a_rejection_whose_time_is_not_earlier()
    {
        var world = new RecoveryWorld();
        var id = await world.StartConfirmedAsync();
        await world.RunUntilAsync(id, RecoveryState.AwaitingApproval);

        var result = await world.RejectAsync(id, RecoveryWorld.Bob, "2024-05-01T10:35:00Z");

        Assert.False(result.Succeeded);
        Assert.Contains("not earlier than the rejected target 2024-05-01T10:32:15Z", result.Message, StringComparison.Ordinal);
        Assert.Equal(RecoveryState.AwaitingApproval, (await world.SnapshotAsync(id)).State);
    }

    [Fact]
    public async Task Fails_with_the_reason_when_the_restore_never_becomes_available()
    {
        var world = new RecoveryWorld();
        world.Restorer.Stuck = true;
        var id = await world.StartConfirmedAsync();

        var failed = await world.RunUntilAsync(id, RecoveryState.Failed);

        Assert.Equal(RecoveryState.Restoring, failed.FailedIn);
        Assert.Equal($"`pitr-{id}-a1` did not become available within 30m 00s", failed.Problem);
        Assert.Contains(world.Channel.Thread, m => m.Text.Contains("did not become available within 30m 00s", StringComparison.Ordinal)
            && m.Actions!.Any(a => a.Kind == Ports.RecoveryActionKind.Retry));
    }

    [Fact]
    public async Task Rolls_back_reverting_the_secret_and_naming_the_workload_when_a_rollout_fails()
    {
        var world = new RecoveryWorld();
        world.Workloads.Failing.Add("worker");
        var id = await world.StartConfirmedAsync();
        await world.RunUntilAsync(id, RecoveryState.AwaitingApproval);
        await world.ApproveAsync(id, RecoveryWorld.Bob);

        var rolledBack = await world.RunUntilAsync(id, RecoveryState.RolledBack);

        Assert.Contains("secrets.Revert v1", world.Log.Calls);
        Assert.Equal(2, world.Log.Count("workloads.Restart"));
        Assert.Null(world.Secrets.PointsAt);
        Assert.Contains(world.Channel.Thread, m => m.Text.Contains("worker: ProgressDeadlineExceeded", StringComparison.Ordinal));
        Assert.Contains(rolledBack.Deletions, d => d.Identifier == $"pitr-{id}-a1" && d.DueAt > world.Clock.GetUtcNow());
    }

    [Fact]
    public async Task Offers_rollback_naming_the_failing_check_when_unhealthy_and_automatic_rollback_is_off()
    {
        var world = new RecoveryWorld();
        world.Health.Healthy = false;
        var id = await world.StartConfirmedAsync();
        await world.RunUntilAsync(id, RecoveryState.AwaitingApproval);
        await world.ApproveAsync(id, RecoveryWorld.Bob);

        var failed = await world.RunUntilAsync(id, RecoveryState.Failed);

        Assert.Equal("unhealthy: 5xx ratio = 0.4 (threshold < 0.01)", failed.Problem);
        var recovery = Recovery.Load(failed, world.Rules, world.Clock);
        Assert.Contains(recovery.AvailableActions(), a => a.Kind == Ports.RecoveryActionKind.Rollback);
        Assert.DoesNotContain(recovery.AvailableActions(), a => a.Kind == Ports.RecoveryActionKind.Abort);
    }

    [Fact]
    public async Task Rolls_back_by_itself_when_unhealthy_and_automatic_rollback_is_on()
    {
        var world = new RecoveryWorld(new RecoveryRules { AutoRollbackOnUnhealthy = true });
        world.Health.Healthy = false;
        var id = await world.StartConfirmedAsync();
        await world.RunUntilAsync(id, RecoveryState.AwaitingApproval);
        await world.ApproveAsync(id, RecoveryWorld.Bob);

        await world.RunUntilAsync(id, RecoveryState.RolledBack);

        Assert.Contains("secrets.Revert v1", world.Log.Calls);
    }

    [Fact]
    public async Task Deletes_the_restore_when_aborted_while_restoring()
    {
        var world = new RecoveryWorld();
        world.Restorer.PollsUntilAvailable = 5;
        var id = await world.StartConfirmedAsync();
        await world.Stepper.AdvanceAsync(id, CancellationToken.None);

        var aborted = await new Pitr.Domain.Recoveries.Abort.AbortRecoveryHandler(world.Actions)
            .Handle(new Pitr.Domain.Recoveries.Abort.AbortRecovery(id, RecoveryWorld.Bob), CancellationToken.None);
        await world.Stepper.AdvanceAsync(id, CancellationToken.None);

        Assert.True(aborted.Succeeded, aborted.Message);
        Assert.Contains($"restorer.Delete pitr-{id}-a1", world.Log.Calls);
        Assert.False((await world.SnapshotAsync(id)).IsOpen());
    }

    [Fact]
    public async Task Retries_with_a_new_attempt_and_deletes_the_failed_one_when_a_failed_restore_is_retried()
    {
        var world = new RecoveryWorld();
        world.Restorer.Stuck = true;
        var id = await world.StartConfirmedAsync();
        await world.RunUntilAsync(id, RecoveryState.Failed);
        world.Restorer.Stuck = false;

        var retried = await new Pitr.Domain.Recoveries.Retry.RetryRecoveryHandler(world.Actions)
            .Handle(new Pitr.Domain.Recoveries.Retry.RetryRecovery(id, RecoveryWorld.Alice), CancellationToken.None);
        var again = await world.RunUntilAsync(id, RecoveryState.AwaitingApproval);

        Assert.True(retried.Succeeded, retried.Message);
        Assert.Equal($"pitr-{id}-a2", again.CurrentAttempt.Identifier);
        Assert.Contains($"restorer.Delete pitr-{id}-a1", world.Log.Calls);
    }

    [Fact]
    public async Task Decommissions_the_replaced_database_once_the_retention_period_has_passed()
    {
        var world = new RecoveryWorld();
        var id = await world.StartConfirmedAsync();
        await world.RunUntilAsync(id, RecoveryState.AwaitingApproval);
        await world.ApproveAsync(id, RecoveryWorld.Bob);
        await world.RunUntilAsync(id, RecoveryState.Completed);

        await world.Stepper.AdvanceAsync(id, CancellationToken.None);
        Assert.DoesNotContain("restorer.Delete orders-prod", world.Log.Calls);

        world.Clock.Advance(TimeSpan.FromHours(72));
        await world.RunUntilAsync(id, RecoveryState.Decommissioned);
        await world.Stepper.AdvanceAsync(id, CancellationToken.None);

        Assert.Contains("restorer.Delete orders-prod", world.Log.Calls);
        Assert.False((await world.SnapshotAsync(id)).IsOpen());
    }
}
