using Pitr.Domain.Recoveries;
using Pitr.Domain.Recoveries.Events;
using Pitr.Domain.Tests.Fakes;

namespace Pitr.Domain.Tests.Recoveries;

/// <summary>One handler for every person's action: the machine's guards decide, refusals are data and are audited.</summary>
public sealed class ActOnRecoveryTests
{
    [Fact]
    public async Task Makes_exactly_one_transition_and_tells_the_second_who_approved_when_two_approve_at_once()
    {
        var world = new RecoveryWorld();
        var id = await world.AwaitingApprovalAsync();

        var results = await Task.WhenAll(
            Task.Run(() => world.ApproveAsync(id, RecoveryWorld.Bob, RecoveryState.AwaitingApproval).AsTask()),
            Task.Run(() => world.ApproveAsync(id, RecoveryWorld.Carol, RecoveryState.AwaitingApproval).AsTask()));

        var winner = Assert.Single(results, r => r.Succeeded).Recovery!.Approver!;
        var loser = Assert.Single(results, r => !r.Succeeded);
        Assert.Equal(ResultStatus.Conflict, loser.Status);
        Assert.Equal(
            new StaleButton(RecoveryTrigger.Approve, RecoveryState.AwaitingApproval, RecoveryState.CuttingOver,
                new ActionTaken(RecoveryTrigger.Approve, winner, world.Clock.GetUtcNow())),
            loser.Why);
        var trail = await world.TrailAsync(id);
        var approved = Assert.Single(trail, e => e.Event is Approved);
        Assert.Equal(winner, approved.Actor);
        var refused = Assert.Single(trail, e => e.Event is Refused);
        Assert.NotEqual(winner, refused.Actor);
        Assert.Equal(new Refused(RecoveryTrigger.Approve, loser.Why!), refused.Event);
    }

    [Fact]
    public async Task Refuses_self_approval_and_audits_the_refusal_when_four_eyes_is_on()
    {
        var world = new RecoveryWorld();
        var id = await world.AwaitingApprovalAsync();
        var signalsBefore = world.Signals.Told.Count;

        var result = await world.ApproveAsync(id, RecoveryWorld.Alice);

        Assert.Equal(ResultStatus.Refused, result.Status);
        var why = Assert.IsType<NotPermitted>(result.Why);
        Assert.Equal((RecoveryTrigger.Approve, RecoveryState.AwaitingApproval), (why.Action, why.State));
        Assert.Equal(["an approver other than the person who started the recovery"], why.Unmet);
        Assert.Equal(RecoveryState.AwaitingApproval, (await world.SnapshotAsync(id)).State);
        var refusal = Assert.Single(await world.TrailAsync(id), e => e.Event is Refused);
        Assert.Equal(RecoveryWorld.Alice, refusal.Actor);
        Assert.Equal((RecoveryState.AwaitingApproval, RecoveryState.AwaitingApproval), (refusal.From, refusal.To));
        Assert.Equal(new Refused(RecoveryTrigger.Approve, why), refusal.Event);
        Assert.Equal(signalsBefore, world.Signals.Told.Count);
    }

    [Fact]
    public async Task Refuses_a_stale_button_as_a_conflict_and_changes_nothing()
    {
        var world = new RecoveryWorld();
        var id = await world.StartConfirmedAsync();

        var result = await world.ConfirmAsync(id, RecoveryWorld.Bob, offeredIn: RecoveryState.Requested);

        Assert.Equal(ResultStatus.Conflict, result.Status);
        Assert.Equal(
            new StaleButton(RecoveryTrigger.Confirm, RecoveryState.Requested, RecoveryState.Restoring,
                new ActionTaken(RecoveryTrigger.Confirm, RecoveryWorld.Alice, RecoveryWorld.Now)),
            result.Why);
        Assert.Equal(RecoveryState.Restoring, (await world.SnapshotAsync(id)).State);
        Assert.Single(await world.TrailAsync(id), e => e.Event is Confirmed);
    }

    [Fact]
    public async Task Replaces_the_used_buttons_with_who_approved()
    {
        var world = new RecoveryWorld();
        var id = await world.AwaitingApprovalAsync();

        await world.ApproveAsync(id, RecoveryWorld.Bob);

        var closed = world.Channel.Closed[^1];
        Assert.IsType<ValidationCompleted>(closed.OfferedWith.Event);
        Assert.IsType<Approved>(closed.ClosedBy.Event);
        Assert.Equal(RecoveryWorld.Bob, closed.ClosedBy.Actor);
        Assert.Equal(world.Channel.LastWithActions(id).Message, closed.Message);
        var thread = await world.Threads.FindAsync(id, world.Channel.Name, CancellationToken.None);
        Assert.Null(thread!.OpenActions);
    }

    [Fact]
    public async Task Answers_a_conflict_naming_who_did_it_when_a_typed_command_repeats_the_last_action()
    {
        var world = new RecoveryWorld();
        var id = await world.AwaitingApprovalAsync();
        await world.ApproveAsync(id, RecoveryWorld.Bob);

        var again = await world.ApproveAsync(id, RecoveryWorld.Carol);

        Assert.Equal(ResultStatus.Conflict, again.Status);
        var why = Assert.IsType<NotPermitted>(again.Why);
        Assert.Equal((RecoveryTrigger.Approve, RecoveryState.CuttingOver), (why.Action, why.State));
        Assert.Equal(RecoveryWorld.Bob, why.LastAction!.By);
        Assert.Equal(RecoveryTrigger.Approve, why.LastAction.Action);
    }

    [Fact]
    public async Task Refuses_rather_than_conflicts_when_the_action_differs_from_the_last_one()
    {
        var world = new RecoveryWorld();
        var id = await world.StartConfirmedAsync();

        var result = await world.ActAsync(id, RecoveryTrigger.Cancel, RecoveryWorld.Bob);

        Assert.Equal(ResultStatus.Refused, result.Status);
        var why = Assert.IsType<NotPermitted>(result.Why);
        Assert.Equal((RecoveryTrigger.Cancel, RecoveryState.Restoring), (why.Action, why.State));
        Assert.Empty(why.Unmet);
        Assert.Equal(new ActionTaken(RecoveryTrigger.Confirm, RecoveryWorld.Alice, RecoveryWorld.Now), why.LastAction);
    }

    [Fact]
    public async Task Answers_not_found_and_records_nothing_when_the_recovery_does_not_exist()
    {
        var world = new RecoveryWorld();

        var result = await world.ConfirmAsync("nope42");

        Assert.Equal(ResultStatus.NotFound, result.Status);
        Assert.Equal(new UnknownRecovery("nope42"), result.Why);
        Assert.Empty(await world.TrailAsync("nope42"));
    }

    [Fact]
    public async Task Refuses_a_rejection_whose_new_time_is_outside_the_restorable_window()
    {
        var world = new RecoveryWorld();
        var id = await world.AwaitingApprovalAsync();

        var result = await world.RejectAsync(id, RecoveryWorld.Bob, "2024-03-01T00:00:00Z");

        Assert.Equal(ResultStatus.Refused, result.Status);
        var outside = Assert.IsType<OutsideWindow>(result.Why);
        Assert.True(outside.TooEarly);
        Assert.Equal(world.Restorer.Window, outside.Window);
        Assert.Equal(RecoveryState.AwaitingApproval, (await world.SnapshotAsync(id)).State);
        Assert.Single(await world.TrailAsync(id), e => e.Event is Refused { Action: RecoveryTrigger.Reject, Why: OutsideWindow });
    }

    [Fact]
    public async Task Keeps_the_reason_a_person_gave_for_a_rollback()
    {
        var world = new RecoveryWorld();
        var completed = await world.ApprovedUntilAsync(RecoveryState.Completed);

        var result = await world.ActAsync(completed.Id, RecoveryTrigger.Rollback, RecoveryWorld.Carol, reason: "checkout errors since the cutover");

        Assert.True(result.Succeeded, $"{result.Why}");
        var requested = new RollbackRequested("checkout errors since the cutover");
        Assert.Equal(requested, result.Recovery!.Trouble);
        var entry = Assert.Single(await world.TrailAsync(completed.Id), e => e.Event is RollbackRequested);
        Assert.Equal((RecoveryWorld.Carol, RecoveryState.Completed, RecoveryState.RollingBack, requested), (entry.Actor, entry.From, entry.To, (RollbackRequested)entry.Event));
    }
}
