using Pitr.Domain.Recoveries;
using Pitr.Domain.Recoveries.Events;
using Pitr.Domain.Tests.Fakes;

namespace Pitr.Domain.Tests.Faults;

public sealed class StepFailureTests
{
    [Fact]
    public async Task Fails_with_the_reason_and_restarts_nothing_when_the_secret_update_fails()
    {
        var world = new RecoveryWorld();
        world.Secrets.FailWith = "AccessDeniedException: secretsmanager:PutSecretValue is not allowed";

        var failed = await world.ApprovedUntilAsync(RecoveryState.Failed);

        var reason = new StepFailed("AccessDeniedException: secretsmanager:PutSecretValue is not allowed");
        Assert.Equal(RecoveryState.CuttingOver, failed.FailedIn);
        Assert.Equal(reason, failed.Trouble);
        Assert.Equal(0, world.Log.Count("workloads."));
        var told = Assert.Single(world.Channel.ThreadOf(failed.Id), t => t.Event is StepFailed);
        Assert.Equal((reason, RecoveryState.CuttingOver, RecoveryState.Failed), (told.Event, told.Entry.From, told.Entry.To));
        Assert.Equal([RecoveryTrigger.Abort, RecoveryTrigger.Retry], told.Offered);
    }

    [Fact]
    public async Task Cuts_over_once_retried_after_the_secret_update_failed()
    {
        var world = new RecoveryWorld();
        world.Secrets.FailWith = "Throttling";
        var failed = await world.ApprovedUntilAsync(RecoveryState.Failed);

        var retried = await world.ActAsync(failed.Id, RecoveryTrigger.Retry, RecoveryWorld.Bob);
        var done = await world.RunUntilAsync(failed.Id, RecoveryState.Completed);

        Assert.True(retried.Succeeded, $"{retried.Why}");
        Assert.Equal(RecoveryState.CuttingOver, retried.Recovery!.State);
        Assert.Equal(2, world.Log.Count("secrets.PointAt"));
        Assert.Equal(1, world.Log.Count("workloads.Restart"));
        Assert.Null(done.Trouble);
    }

    [Fact]
    public async Task Stays_awaiting_approval_offering_reject_but_not_approve_when_validation_fails()
    {
        var world = new RecoveryWorld();
        world.Validation.Pass = false;
        var id = await world.StartConfirmedAsync();

        var waiting = await world.RunUntilAsync(id, RecoveryState.AwaitingApproval);
        await world.Stepper.AdvanceAsync(id, CancellationToken.None);
        var approve = await world.ApproveAsync(id, RecoveryWorld.Bob);

        Assert.Equal(RecoveryState.AwaitingApproval, (await world.SnapshotAsync(id)).State);
        var validation = Assert.IsType<ValidationCompleted>(waiting.Trouble);
        Assert.Equal((1, 1), (validation.Report.Checks.Count(c => !c.Passed), validation.Report.Checks.Count));
        Assert.Equal(ResultStatus.Refused, approve.Status);
        Assert.Equal(["every validation check passed"], Assert.IsType<NotPermitted>(approve.Why).Unmet);
        var offered = world.Channel.LastWithActions(id);
        Assert.IsType<ValidationCompleted>(offered.Event);
        Assert.Equal([RecoveryTrigger.Reject, RecoveryTrigger.Abort], offered.Offered);
        Assert.Equal(0, world.Log.Count("secrets."));
    }

    [Fact]
    public async Task Fails_with_the_engines_words_when_the_restore_itself_fails()
    {
        var world = new RecoveryWorld();
        var id = await world.StartConfirmedAsync();
        await world.Stepper.AdvanceAsync(id, CancellationToken.None);
        world.Restorer.FailWith = "InsufficientDBInstanceCapacity: db.r6g.xlarge is not available in eu-west-1a";

        var failed = await world.RunUntilAsync(id, RecoveryState.Failed);

        Assert.Equal(new RestoreFailed($"pitr-{id}-a1", "InsufficientDBInstanceCapacity: db.r6g.xlarge is not available in eu-west-1a"), failed.Trouble);
        Assert.Equal(RecoveryState.Restoring, failed.FailedIn);
    }

    [Fact]
    public async Task Says_why_once_and_tries_again_an_hour_later_when_the_engine_refuses_a_deletion()
    {
        var world = new RecoveryWorld(new RecoveryRules { AllowSourceDecommission = true });
        world.Restorer.Undeletable["orders-prod"] = "InvalidParameterCombination: cannot delete a database with deletion protection on";
        var done = await world.ApprovedUntilAsync(RecoveryState.Completed);
        var id = done.Id;
        world.Clock.Advance(world.Rules.Retention);
        Assert.Equal(ResultStatus.Done, (await world.ActAsync(id, RecoveryTrigger.Decommission, RecoveryWorld.Bob)).Status);

        await world.Stepper.AdvanceAsync(id, CancellationToken.None);
        await world.Stepper.AdvanceAsync(id, CancellationToken.None);
        var waiting = await world.SnapshotAsync(id);

        Assert.Equal(1, world.Log.Count("restorer.Delete orders-prod"));
        var deletion = Assert.Single(waiting.Deletions);
        Assert.InRange(deletion.DueAt - world.Clock.GetUtcNow(), TimeSpan.FromMinutes(59), TimeSpan.FromHours(1));
        Assert.Contains("deletion protection on", deletion.LastError, StringComparison.Ordinal);
        Assert.True(waiting.IsOpen());
        var told = Assert.IsType<DeleteFailed>(Assert.Single(world.Channel.ThreadOf(id), t => t.Event is DeleteFailed).Event);
        Assert.Equal(("orders-prod", deletion.DueAt), (told.Identifier, told.RetryAt));
        Assert.Contains("deletion protection on", told.Reason, StringComparison.Ordinal);

        world.Restorer.Undeletable.Clear();
        world.Clock.Advance(TimeSpan.FromHours(1));
        await world.Stepper.AdvanceAsync(id, CancellationToken.None);
        Assert.False((await world.SnapshotAsync(id)).IsOpen());
    }

    [Fact]
    public async Task Says_why_once_and_never_tries_again_when_the_engine_refuses_a_deletion_for_good()
    {
        var world = new RecoveryWorld(new RecoveryRules { AllowSourceDecommission = true });
        world.Restorer.Denied["orders-prod"] = "The bot's IAM role is not allowed to call rds:DeleteDBCluster.";
        var done = await world.ApprovedUntilAsync(RecoveryState.Completed);
        var id = done.Id;
        world.Clock.Advance(world.Rules.Retention);
        Assert.Equal(ResultStatus.Done, (await world.ActAsync(id, RecoveryTrigger.Decommission, RecoveryWorld.Bob)).Status);

        await world.Stepper.AdvanceAsync(id, CancellationToken.None);
        world.Clock.Advance(TimeSpan.FromHours(3));
        await world.Stepper.AdvanceAsync(id, CancellationToken.None);
        var given = await world.SnapshotAsync(id);

        Assert.Equal(1, world.Log.Count("restorer.Delete orders-prod"));
        Assert.NotNull(Assert.Single(given.Deletions).GivenUpAt);
        Assert.False(given.IsOpen());
        var told = Assert.IsType<DeleteRefused>(Assert.Single(world.Channel.ThreadOf(id), t => t.Event is DeleteRefused or DeleteFailed).Event);
        Assert.Equal(new DeleteRefused("orders-prod", "The bot's IAM role is not allowed to call rds:DeleteDBCluster."), told);
    }
}
