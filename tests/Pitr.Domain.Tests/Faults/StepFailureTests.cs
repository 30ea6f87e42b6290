using Pitr.Domain.Ports;
using Pitr.Domain.Recoveries;
using Pitr.Domain.Tests.Fakes;

namespace Pitr.Domain.Tests.Faults;

public sealed class StepFailureTests
{
    [Fact]
    public async Task Fails_with_the_reason_and_restarts_nothing_when_the_secret_update_fails()
    {
        var world = new RecoveryWorld();
        world.Secrets.FailWith = "AccessDeniedException: secretsmanager:PutSecretValue is not allowed";
        var id = await world.StartConfirmedAsync();
        await world.RunUntilAsync(id, RecoveryState.AwaitingApproval);
        await world.ApproveAsync(id, RecoveryWorld.Bob);

        var failed = await world.RunUntilAsync(id, RecoveryState.Failed);

        Assert.Equal(RecoveryState.CuttingOver, failed.FailedIn);
        Assert.Equal("AccessDeniedException: secretsmanager:PutSecretValue is not allowed", failed.Problem);
        Assert.Equal(0, world.Log.Count("workloads."));
        Assert.Contains(world.Channel.Thread, m => m.Text.Contains("Failed while CuttingOver: AccessDeniedException", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Cuts_over_once_retried_after_the_secret_update_failed()
    {
        var world = new RecoveryWorld();
        world.Secrets.FailWith = "Throttling";
        var id = await world.StartConfirmedAsync();
        await world.RunUntilAsync(id, RecoveryState.AwaitingApproval);
        await world.ApproveAsync(id, RecoveryWorld.Bob);
        await world.RunUntilAsync(id, RecoveryState.Failed);

        var retried = await new Pitr.Domain.Recoveries.Retry.RetryRecoveryHandler(world.Actions)
            .Handle(new Pitr.Domain.Recoveries.Retry.RetryRecovery(id, RecoveryWorld.Bob), CancellationToken.None);
        await world.RunUntilAsync(id, RecoveryState.Completed);

        Assert.True(retried.Succeeded, retried.Message);
        Assert.Equal(2, world.Log.Count("secrets.PointAt"));
        Assert.Equal(1, world.Log.Count("workloads.Restart"));
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
        Assert.Equal("1 of 1 validation checks failed", waiting.Problem);
        Assert.False(approve.Succeeded);
        Assert.StartsWith("Approve needs every validation check passed.", approve.Message, StringComparison.Ordinal);
        var offered = world.Channel.Thread.Last(m => m.Actions is not null).Actions!.Select(a => a.Kind);
        Assert.Equal([RecoveryActionKind.Reject, RecoveryActionKind.Abort], offered);
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

        Assert.Equal($"the engine reports restore `pitr-{id}-a1` failed: InsufficientDBInstanceCapacity: db.r6g.xlarge is not available in eu-west-1a", failed.Problem);
    }

    [Fact]
    public async Task Says_why_once_and_tries_again_an_hour_later_when_the_engine_refuses_a_deletion()
    {
        var world = new RecoveryWorld();
        world.Restorer.Undeletable["orders-prod"] = "InvalidParameterCombination: cannot delete a database with deletion protection on";
        var id = await world.StartConfirmedAsync();
        await world.RunUntilAsync(id, RecoveryState.AwaitingApproval);
        await world.ApproveAsync(id, RecoveryWorld.Bob);
        await world.RunUntilAsync(id, RecoveryState.Completed);
        world.Clock.Advance(world.Rules.Retention);
        await world.RunUntilAsync(id, RecoveryState.Decommissioned);

        await world.Stepper.AdvanceAsync(id, CancellationToken.None);
        await world.Stepper.AdvanceAsync(id, CancellationToken.None);
        var waiting = await world.SnapshotAsync(id);

        Assert.Equal(1, world.Log.Count("restorer.Delete orders-prod"));
        var deletion = Assert.Single(waiting.Deletions);
        Assert.InRange(deletion.DueAt - world.Clock.GetUtcNow(), TimeSpan.FromMinutes(59), TimeSpan.FromHours(1));
        Assert.Contains("deletion protection on", deletion.LastError, StringComparison.Ordinal);
        Assert.True(waiting.IsOpen());
        Assert.Single(world.Channel.Thread, m => m.Text.Contains("Could not delete `orders-prod`", StringComparison.Ordinal));

        world.Restorer.Undeletable.Clear();
        world.Clock.Advance(TimeSpan.FromHours(1));
        await world.Stepper.AdvanceAsync(id, CancellationToken.None);
        Assert.False((await world.SnapshotAsync(id)).IsOpen());
    }
}
