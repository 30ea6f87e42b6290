using Pitr.Domain.Ports;
using Pitr.Domain.Recoveries;
using Pitr.Domain.Recoveries.Events;
using Pitr.Domain.Tests.Fakes;

namespace Pitr.Domain.Tests.Recoveries;

public sealed class RecoveryFlowTests
{
    [Fact]
    public async Task Reaches_completed_calling_every_port_once_in_order_when_everything_succeeds()
    {
        var world = new RecoveryWorld();
        var id = await world.AwaitingApprovalAsync();

        var approved = await world.ApproveAsync(id, RecoveryWorld.Bob);
        Assert.True(approved.Succeeded, $"{approved.Why}");
        var done = await world.RunUntilAsync(id, RecoveryState.Completed);

        var identifier = $"pitr-{id}-a1";
        Assert.Equal(
            [
                $"restorer.Start {identifier} 2024-05-01T10:32:15.0000000+00:00",
                $"validation.Run {identifier}",
                $"secrets.PointAt {identifier}",
                $"workloads.Restart {done.RestartedAt:O}",
                "health.Wait",
                $"restorer.Protect {identifier}",
                $"restorer.From {identifier}",
            ],
            world.Log.Calls);
        Assert.Equal(AttemptOutcome.CutOver, done.CurrentAttempt.Outcome);
        Assert.Equal(RecoveryWorld.Bob, done.Approver);
        Assert.Null(done.Trouble);
    }

    [Fact]
    public async Task Lists_every_transition_with_actor_and_time_in_the_audit_trail_when_completed()
    {
        var world = new RecoveryWorld();
        var done = await world.ApprovedUntilAsync(RecoveryState.Completed);

        var trail = await world.TrailAsync(done.Id);
        var transitions = trail.Where(e => e.From != e.To).Select(e => (e.Event.GetType(), e.From, e.To, e.Actor.Name)).ToList();

        Assert.Equal(
            [
                (typeof(Confirmed), RecoveryState.Requested, RecoveryState.Restoring, "alice"),
                (typeof(RestoreAvailable), RecoveryState.Restoring, RecoveryState.Validating, "pitr-bot"),
                (typeof(ValidationCompleted), RecoveryState.Validating, RecoveryState.AwaitingApproval, "pitr-bot"),
                (typeof(Approved), RecoveryState.AwaitingApproval, RecoveryState.CuttingOver, "bob"),
                (typeof(SecretUpdated), RecoveryState.CuttingOver, RecoveryState.Restarting, "pitr-bot"),
                (typeof(RolloutCompleted), RecoveryState.Restarting, RecoveryState.Verifying, "pitr-bot"),
                (typeof(HealthConfirmed), RecoveryState.Verifying, RecoveryState.Completed, "pitr-bot"),
            ],
            transitions);
        var planned = Assert.IsType<Planned>(trail[0].Event);
        Assert.Equal(RecoveryWorld.Target(RecoveryWorld.DefaultTarget), planned.Target);
        Assert.Equal(RecoveryWorld.Alice, trail[0].Actor);
        Assert.All(trail, e => Assert.InRange(e.At, RecoveryWorld.Now, world.Clock.GetUtcNow()));
        Assert.True(trail.Zip(trail.Skip(1)).All(p => p.First.At <= p.Second.At && p.First.Seq < p.Second.Seq), "audit entries are in time and sequence order");
    }

    [Fact]
    public async Task Tells_the_completion_with_everything_the_report_needs_when_completed()
    {
        var world = new RecoveryWorld();
        var done = await world.ApprovedUntilAsync(RecoveryState.Completed);

        var last = world.Channel.ThreadOf(done.Id)[^1];
        Assert.IsType<HealthConfirmed>(last.Event);
        Assert.Equal(RecoveryState.Completed, last.Entry.To);
        var report = RecoveryReport.From(last.View.Recovery, last.View.Trail, last.View.Now);
        Assert.False(report.Drill);
        Assert.Equal(RecoveryState.Completed, report.Outcome);
        Assert.Null(report.DataLoss);
        Assert.Equal(done.CompletedAt, report.FinishedAt);
        Assert.Equal(done.CompletedAt!.Value - done.RequestedAt, report.Rto);
        Assert.True(report.Rto > TimeSpan.Zero);
        Assert.Equal(
            [RecoveryPhase.Confirmation, RecoveryPhase.Restore, RecoveryPhase.Validation, RecoveryPhase.Approval, RecoveryPhase.Secret, RecoveryPhase.Rollout, RecoveryPhase.Health],
            report.Phases.Select(p => p.Phase));
        Assert.Equal([typeof(Planned), typeof(Confirmed), typeof(Approved)], report.People.Select(e => e.Event.GetType()));
        Assert.Equal(RecoveryState.Completed, world.Channel.Header(done.Id)!.Recovery.State);
    }

    [Fact]
    public async Task Links_the_dashboard_in_the_report_when_the_health_probe_gives_one()
    {
        var world = new RecoveryWorld();
        var dashboard = new Uri("https://grafana.example/d/orders?from=1714559400000");
        world.Health.Dashboard = dashboard;
        var done = await world.ApprovedUntilAsync(RecoveryState.Completed);

        var last = world.Channel.ThreadOf(done.Id)[^1];

        Assert.Equal(dashboard, Assert.IsType<HealthConfirmed>(last.Event).Report.Dashboard);
        Assert.Equal(dashboard, RecoveryReport.From(last.View.Recovery, last.View.Trail, last.View.Now).Dashboard);
    }

    [Fact]
    public async Task Never_touches_the_secret_or_the_workloads_when_drilling()
    {
        var world = new RecoveryWorld();
        var id = await world.AwaitingApprovalAsync(RecoveryMode.Drill);
        var finished = await world.ApproveAsync(id, RecoveryWorld.Alice);
        Assert.True(finished.Succeeded, $"{finished.Why}");
        var done = await world.RunUntilAsync(id, RecoveryState.Completed);
        await world.Stepper.AdvanceAsync(id, CancellationToken.None);

        Assert.Equal(0, world.Log.Count("secrets."));
        Assert.Equal(0, world.Log.Count("workloads."));
        Assert.Equal(0, world.Log.Count("health."));
        Assert.Contains($"restorer.Delete pitr-{id}-a1", world.Log.Calls);
        Assert.Equal(AttemptOutcome.Drilled, done.CurrentAttempt.Outcome);
        var told = Assert.Single(world.Channel.ThreadOf(id), t => t.Event is Approved);
        Assert.Equal(new Approved($"pitr-{id}-a1", null, Drill: true), told.Event);
        Assert.Equal(RecoveryState.Completed, told.Entry.To);
        Assert.True(RecoveryReport.From(told.View.Recovery, told.View.Trail, told.View.Now).Drill);
        Assert.Contains(done.Deletions, d => d.Identifier == $"pitr-{id}-a1" && d.Why == DeletionReason.DrillFinished);
    }

    [Fact]
    public async Task Finishes_a_drill_without_a_person_when_auto_approved()
    {
        var world = new RecoveryWorld();
        var id = await world.StartConfirmedAsync(RecoveryMode.Drill, autoApprove: true);

        var done = await world.RunUntilAsync(id, RecoveryState.Completed);

        Assert.Equal(Actor.Bot, done.Approver);
        Assert.Equal(Actor.Bot, Assert.Single(await world.TrailAsync(id), e => e.Event is Approved).Actor);
    }

    [Fact]
    public async Task Restores_again_to_the_earlier_time_and_deletes_the_rejected_restore_when_rejected()
    {
        var world = new RecoveryWorld();
        var id = await world.AwaitingApprovalAsync();

        var rejected = await world.RejectAsync(id, RecoveryWorld.Bob, "2024-05-01T10:30:00Z");
        Assert.True(rejected.Succeeded, $"{rejected.Why}");
        var again = await world.RunUntilAsync(id, RecoveryState.AwaitingApproval);

        var earlier = new DateTimeOffset(2024, 5, 1, 10, 30, 0, TimeSpan.Zero);
        Assert.Equal(2, again.Attempts.Count);
        Assert.Equal(AttemptOutcome.Rejected, again.Attempts[0].Outcome);
        Assert.Equal(earlier, again.CurrentAttempt.Target);
        Assert.Contains($"restorer.Delete pitr-{id}-a1", world.Log.Calls);
        Assert.Contains($"restorer.Start pitr-{id}-a2 2024-05-01T10:30:00.0000000+00:00", world.Log.Calls);
        Assert.DoesNotContain($"pitr-{id}-a1", world.Restorer.Existing);
        var entry = Assert.Single(await world.TrailAsync(id), e => e.Event is Rejected);
        Assert.Equal(new Rejected(1, new DateTimeOffset(2024, 5, 1, 10, 32, 15, TimeSpan.Zero), RecoveryWorld.Target("2024-05-01T10:30:00Z"), $"pitr-{id}-a2"), entry.Event);
        Assert.Contains(again.Deletions, d => d.Identifier == $"pitr-{id}-a1" && d.Why == DeletionReason.Rejected);
    }

    [Fact]
    public async Task Refuses_a_rejection_whose_time_is_not_earlier()
    {
        var world = new RecoveryWorld();
        var id = await world.AwaitingApprovalAsync();

        var result = await world.RejectAsync(id, RecoveryWorld.Bob, "2024-05-01T10:35:00Z");

        Assert.Equal(ResultStatus.Refused, result.Status);
        var why = Assert.IsType<NotPermitted>(result.Why);
        Assert.Equal(RecoveryTrigger.Reject, why.Action);
        Assert.Contains("the new target time is earlier than the rejected one", why.Unmet);
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 10, 32, 15, TimeSpan.Zero), result.Recovery!.CurrentAttempt.Target);
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
        Assert.Equal(new TimedOut(RecoveryPhase.Restore, TimeSpan.FromMinutes(30)), failed.Trouble);
        Assert.Equal($"pitr-{id}-a1", failed.CurrentAttempt.Identifier);
        var told = world.Channel.LastWithActions(id);
        Assert.Equal(new TimedOut(RecoveryPhase.Restore, TimeSpan.FromMinutes(30)), told.Event);
        Assert.Contains(RecoveryTrigger.Retry, told.Offered);
    }

    [Fact]
    public async Task Rolls_back_reverting_the_secret_and_naming_the_workload_when_a_rollout_fails()
    {
        var world = new RecoveryWorld();
        world.Workloads.Failing.Add("worker");

        var rolledBack = await world.ApprovedUntilAsync(RecoveryState.RolledBack);

        Assert.Contains("secrets.Revert v1", world.Log.Calls);
        Assert.Equal(2, world.Log.Count("workloads.Restart"));
        Assert.Null(world.Secrets.PointsAt);
        var failedRollout = Assert.IsType<RolloutFailed>(Assert.Single(world.Channel.ThreadOf(rolledBack.Id), t => t.Event is RolloutFailed).Event);
        var worker = Assert.Single(failedRollout.Report.Workloads, w => !w.Succeeded);
        Assert.Equal(("worker", "ProgressDeadlineExceeded"), (worker.Name, worker.Detail));
        Assert.Equal(failedRollout, rolledBack.Trouble);
        var completed = Assert.IsType<RollbackCompleted>(Assert.Single(world.Channel.ThreadOf(rolledBack.Id), t => t.Event is RollbackCompleted).Event);
        Assert.Equal("v1", completed.Reverted!.PreviousVersion);
        Assert.Contains(rolledBack.Deletions, d => d.Identifier == $"pitr-{rolledBack.Id}-a1" && d.DueAt > world.Clock.GetUtcNow() && d.Why == DeletionReason.RolledBack);
    }

    [Fact]
    public async Task Offers_rollback_naming_the_failing_check_when_unhealthy_and_automatic_rollback_is_off()
    {
        var world = new RecoveryWorld();
        world.Health.Healthy = false;

        var failed = await world.ApprovedUntilAsync(RecoveryState.Failed);

        var unhealthy = Assert.IsType<HealthFailed>(failed.Trouble);
        Assert.False(unhealthy.RollingBack);
        var check = Assert.Single(unhealthy.Report.Checks, c => !c.Healthy);
        Assert.Equal(("5xx ratio", "0.4", "< 0.01"), (check.Name, check.Observed, check.Threshold));
        var offered = Recovery.Load(failed, world.Rules, world.Clock).AvailableActions().Select(a => a.Action).ToList();
        Assert.Contains(RecoveryTrigger.Rollback, offered);
        Assert.DoesNotContain(RecoveryTrigger.Abort, offered);
        Assert.Equal(offered, world.Channel.LastWithActions(failed.Id).Offered);
    }

    [Fact]
    public async Task Rolls_back_by_itself_when_unhealthy_and_automatic_rollback_is_on()
    {
        var world = new RecoveryWorld(new RecoveryRules { AutoRollbackOnUnhealthy = true });
        world.Health.Healthy = false;

        var rolledBack = await world.ApprovedUntilAsync(RecoveryState.RolledBack);

        Assert.Contains("secrets.Revert v1", world.Log.Calls);
        var unhealthy = Assert.Single(await world.TrailAsync(rolledBack.Id), e => e.Event is HealthFailed);
        Assert.True(((HealthFailed)unhealthy.Event).RollingBack);
        Assert.Equal((RecoveryState.Verifying, RecoveryState.RollingBack, Actor.Bot), (unhealthy.From, unhealthy.To, unhealthy.Actor));
    }

    [Fact]
    public async Task Deletes_the_restore_when_aborted_while_restoring()
    {
        var world = new RecoveryWorld();
        world.Restorer.PollsUntilAvailable = 5;
        var id = await world.StartConfirmedAsync();
        await world.Stepper.AdvanceAsync(id, CancellationToken.None);

        var aborted = await world.ActAsync(id, RecoveryTrigger.Abort, RecoveryWorld.Bob);
        await world.Stepper.AdvanceAsync(id, CancellationToken.None);

        Assert.True(aborted.Succeeded, $"{aborted.Why}");
        Assert.Equal(new Aborted($"pitr-{id}-a1"), Assert.Single(await world.TrailAsync(id), e => e.Moved && e.To == RecoveryState.Aborted).Event);
        Assert.Contains($"restorer.Delete pitr-{id}-a1", world.Log.Calls);
        var after = await world.SnapshotAsync(id);
        Assert.False(after.IsOpen());
        Assert.Equal(DeletionReason.Aborted, Assert.Single(after.Deletions).Why);
        Assert.Single(await world.TrailAsync(id), e => e.Event == new Deleted($"pitr-{id}-a1"));
    }

    [Fact]
    public async Task Retries_with_a_new_attempt_and_deletes_the_failed_one_when_a_failed_restore_is_retried()
    {
        var world = new RecoveryWorld();
        world.Restorer.Stuck = true;
        var id = await world.StartConfirmedAsync();
        await world.RunUntilAsync(id, RecoveryState.Failed);
        world.Restorer.Stuck = false;

        var retried = await world.ActAsync(id, RecoveryTrigger.Retry, RecoveryWorld.Alice);
        var again = await world.RunUntilAsync(id, RecoveryState.AwaitingApproval);

        Assert.True(retried.Succeeded, $"{retried.Why}");
        Assert.Equal($"pitr-{id}-a2", again.CurrentAttempt.Identifier);
        Assert.Equal(AttemptOutcome.Failed, again.Attempts[0].Outcome);
        Assert.Contains($"restorer.Delete pitr-{id}-a1", world.Log.Calls);
        Assert.Contains(again.Deletions, d => d.Identifier == $"pitr-{id}-a1" && d.Why == DeletionReason.Failed);
        Assert.Single(await world.TrailAsync(id), e => e.Event == new Retried(RecoveryState.Restoring));
    }

    [Fact]
    public async Task Reminds_once_when_the_retention_ends_and_never_deletes_the_source_on_its_own()
    {
        var world = new RecoveryWorld();
        var id = (await world.ApprovedUntilAsync(RecoveryState.Completed)).Id;

        await world.Stepper.AdvanceAsync(id, CancellationToken.None);
        Assert.DoesNotContain(await world.TrailAsync(id), e => e.Event is DecommissionDue);
        world.Clock.Advance(world.Rules.Retention);
        for (var i = 0; i < 3; i++)
        {
            await world.Stepper.AdvanceAsync(id, CancellationToken.None);
            world.Clock.Advance(TimeSpan.FromHours(2));
        }

        var reminder = Assert.Single(await world.TrailAsync(id), e => e.Event is DecommissionDue);
        Assert.Equal(new DecommissionDue("orders-prod", RecoveryWorld.Alice, world.Rules.Retention, BotMayDelete: false), reminder.Event);
        Assert.Equal(RecoveryState.Completed, (await world.SnapshotAsync(id)).State);
        Assert.DoesNotContain("restorer.Delete orders-prod", world.Log.Calls);
    }

    [Fact]
    public async Task Deletes_the_source_only_with_the_opt_in_after_the_retention_and_by_a_second_person()
    {
        var world = new RecoveryWorld(new RecoveryRules { AllowSourceDecommission = true });
        var id = (await world.ApprovedUntilAsync(RecoveryState.Completed)).Id;

        var early = await world.ActAsync(id, RecoveryTrigger.Decommission, RecoveryWorld.Bob);
        world.Clock.Advance(world.Rules.Retention);
        var initiator = await world.ActAsync(id, RecoveryTrigger.Decommission, RecoveryWorld.Alice);
        var second = await world.ActAsync(id, RecoveryTrigger.Decommission, RecoveryWorld.Bob);
        await world.Stepper.AdvanceAsync(id, CancellationToken.None);

        Assert.Contains("the retention of the replaced database has ended", Assert.IsType<NotPermitted>(early.Why).Unmet);
        Assert.Contains("a second person, other than the one who started the recovery", Assert.IsType<NotPermitted>(initiator.Why).Unmet);
        Assert.Equal(ResultStatus.Done, second.Status);
        var after = await world.SnapshotAsync(id);
        Assert.Equal(RecoveryState.Decommissioned, after.State);
        Assert.Contains(after.Deletions, d => d.Identifier == "orders-prod" && d.Why == DeletionReason.Replaced && d.DoneAt is not null);
        Assert.Equal(1, world.Log.Count("restorer.Delete orders-prod"));
    }

    [Fact]
    public async Task No_one_can_delete_the_source_without_the_opt_in()
    {
        var world = new RecoveryWorld();
        var id = (await world.ApprovedUntilAsync(RecoveryState.Completed)).Id;
        world.Clock.Advance(world.Rules.Retention + TimeSpan.FromDays(30));

        var refused = await world.ActAsync(id, RecoveryTrigger.Decommission, RecoveryWorld.Bob);
        await world.Stepper.AdvanceAsync(id, CancellationToken.None);

        Assert.Contains(Assert.IsType<NotPermitted>(refused.Why).Unmet, u => u.StartsWith("Pitr:Rules:AllowSourceDecommission", StringComparison.Ordinal));
        var after = await world.SnapshotAsync(id);
        Assert.DoesNotContain(after.Deletions, d => d.Identifier == "orders-prod");
        Assert.DoesNotContain("restorer.Delete orders-prod", world.Log.Calls);
        Assert.DoesNotContain(RecoveryTrigger.Decommission, Recovery.Load(after, world.Rules, world.Clock).AvailableActions().Select(a => a.Action));
    }

    [Fact]
    public async Task Completes_only_once_the_new_production_is_recoverable_and_says_how()
    {
        var world = new RecoveryWorld();
        world.Restorer.Protection[0] = new("WAL archiving", false, "archive_command failed", "on", "check the archive directory");
        var id = (await world.ApprovedUntilAsync(RecoveryState.Failed)).Id;
        var failed = await world.SnapshotAsync(id);

        world.Restorer.Protection[0] = new("WAL archiving", true, "on", "on", null);
        Assert.Equal(ResultStatus.Done, (await world.ActAsync(id, RecoveryTrigger.Retry, RecoveryWorld.Bob)).Status);
        var done = await world.RunUntilAsync(id, RecoveryState.Completed);

        Assert.Equal(RecoveryState.Verifying, failed.FailedIn);
        Assert.False(Assert.IsType<NotProtected>(failed.Trouble).Report.Protected);
        Assert.True(done.Protection?.Protected);
        var confirmed = Assert.IsType<HealthConfirmed>(Assert.Single(await world.TrailAsync(id), e => e.Event is HealthConfirmed).Event);
        Assert.Equal("WAL archiving", Assert.Single(confirmed.Protection!.Items).Name);
        Assert.Equal(2, world.Log.Count($"restorer.Protect pitr-{id}-a1"));
    }
}
