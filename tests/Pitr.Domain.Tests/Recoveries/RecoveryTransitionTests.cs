using Microsoft.Extensions.Time.Testing;
using Pitr.Domain.Ports;
using Pitr.Domain.Recoveries;
using Pitr.Domain.Recoveries.Events;
using Pitr.Domain.Tests.Fakes;

namespace Pitr.Domain.Tests.Recoveries;

/// <summary>The machine alone: which person's actions each state permits, and which guard a refusal names.</summary>
public sealed class RecoveryTransitionTests
{
    private static readonly FakeTimeProvider Clock = new(RecoveryWorld.Now);

    public static TheoryData<RecoveryState, RecoveryMode, RecoveryTrigger[]> PermittedActions => new()
    {
        { RecoveryState.Requested, RecoveryMode.Recovery, [RecoveryTrigger.Confirm, RecoveryTrigger.Cancel, RecoveryTrigger.Abort] },
        { RecoveryState.Restoring, RecoveryMode.Recovery, [RecoveryTrigger.Abort] },
        { RecoveryState.Validating, RecoveryMode.Recovery, [RecoveryTrigger.Abort] },
        { RecoveryState.AwaitingApproval, RecoveryMode.Recovery, [RecoveryTrigger.Approve, RecoveryTrigger.Reject, RecoveryTrigger.Abort] },
        { RecoveryState.AwaitingApproval, RecoveryMode.Drill, [RecoveryTrigger.Approve, RecoveryTrigger.Reject, RecoveryTrigger.Abort] },
        { RecoveryState.CuttingOver, RecoveryMode.Recovery, [] },
        { RecoveryState.Restarting, RecoveryMode.Recovery, [RecoveryTrigger.Rollback] },
        { RecoveryState.Verifying, RecoveryMode.Recovery, [RecoveryTrigger.Rollback] },
        { RecoveryState.Completed, RecoveryMode.Recovery, [RecoveryTrigger.Rollback] },
        { RecoveryState.Completed, RecoveryMode.Drill, [] },
        { RecoveryState.RollingBack, RecoveryMode.Recovery, [] },
        { RecoveryState.Failed, RecoveryMode.Recovery, [RecoveryTrigger.Abort, RecoveryTrigger.Retry] },
        { RecoveryState.Decommissioned, RecoveryMode.Recovery, [] },
        { RecoveryState.RolledBack, RecoveryMode.Recovery, [] },
        { RecoveryState.Aborted, RecoveryMode.Recovery, [] },
    };

    [Theory]
    [MemberData(nameof(PermittedActions))]
    public void Offers_exactly_the_permitted_actions_when_in_a_state(RecoveryState state, RecoveryMode mode, RecoveryTrigger[] expected)
    {
        var recovery = In(state, mode, validated: true);

        var offered = recovery.AvailableActions();

        Assert.Equal(expected, offered.Select(a => a.Action));
        Assert.All(offered, a => Assert.Equal(new RecoveryAction(a.Action, "r1", state), a));
    }

    public static TheoryData<RecoveryState, RecoveryTrigger> NotPermittedAtAll => new()
    {
        { RecoveryState.Restoring, RecoveryTrigger.Approve },
        { RecoveryState.Requested, RecoveryTrigger.Rollback },
        { RecoveryState.CuttingOver, RecoveryTrigger.Abort },
        { RecoveryState.Completed, RecoveryTrigger.Confirm },
        { RecoveryState.Aborted, RecoveryTrigger.Retry },
    };

    [Theory]
    [MemberData(nameof(NotPermittedAtAll))]
    public void Names_the_action_and_state_and_no_guard_when_the_state_allows_no_such_action(RecoveryState state, RecoveryTrigger action)
    {
        var recovery = In(state, RecoveryMode.Recovery, validated: true);

        var why = Assert.IsType<NotPermitted>(recovery.WhyNot(action, RecoveryWorld.Bob));

        Assert.Equal(action, why.Action);
        Assert.Equal(state, why.State);
        Assert.Empty(why.Unmet);
    }

    [Fact]
    public void Names_the_four_eyes_rule_when_the_initiator_approves()
    {
        var recovery = In(RecoveryState.AwaitingApproval, RecoveryMode.Recovery, validated: true);

        var why = Assert.IsType<NotPermitted>(recovery.WhyNot(RecoveryTrigger.Approve, RecoveryWorld.Alice));

        Assert.Equal(["an approver other than the person who started the recovery"], why.Unmet);
        Assert.Null(recovery.WhyNot(RecoveryTrigger.Approve, RecoveryWorld.Bob));
    }

    [Fact]
    public void Allows_self_approval_when_four_eyes_is_off()
    {
        var recovery = In(RecoveryState.AwaitingApproval, RecoveryMode.Recovery, validated: true, new RecoveryRules { RequireDistinctApprover = false });

        Assert.Null(recovery.WhyNot(RecoveryTrigger.Approve, RecoveryWorld.Alice));
    }

    [Fact]
    public void Blocks_the_cutover_when_a_validation_check_failed()
    {
        var recovery = In(RecoveryState.AwaitingApproval, RecoveryMode.Recovery, validated: false);

        var why = Assert.IsType<NotPermitted>(recovery.WhyNot(RecoveryTrigger.Approve, RecoveryWorld.Bob));

        Assert.Equal(["every validation check passed"], why.Unmet);
        Assert.Null(recovery.WhyNot(RecoveryTrigger.Reject, RecoveryWorld.Bob, target: RecoveryTarget.At(RecoveryWorld.Now.AddHours(-1))));
    }

    [Fact]
    public void Refuses_abort_and_offers_rollback_when_failed_after_the_secret_changed()
    {
        var recovery = In(RecoveryState.Failed, RecoveryMode.Recovery, validated: true, secretChanged: true);

        var why = Assert.IsType<NotPermitted>(recovery.WhyNot(RecoveryTrigger.Abort, RecoveryWorld.Bob));

        Assert.Equal(["the connection secret was not changed (otherwise roll back)"], why.Unmet);
        Assert.Null(recovery.WhyNot(RecoveryTrigger.Rollback, RecoveryWorld.Bob));
    }

    [Fact]
    public void Refuses_a_click_on_a_button_from_an_earlier_state_as_stale()
    {
        var recovery = In(RecoveryState.Restoring, RecoveryMode.Recovery, validated: true);

        var why = recovery.WhyNot(RecoveryTrigger.Abort, RecoveryWorld.Bob, offeredIn: RecoveryState.Requested);

        Assert.Equal(new StaleButton(RecoveryTrigger.Abort, RecoveryState.Requested, RecoveryState.Restoring, null), why);
    }

    [Fact]
    public async Task Retries_in_the_state_it_failed_in()
    {
        var recovery = In(RecoveryState.Failed, RecoveryMode.Recovery, validated: true, secretChanged: true, failedIn: RecoveryState.Verifying);

        await recovery.ActAsync(new PersonAction(RecoveryTrigger.Retry, RecoveryWorld.Bob));

        Assert.Equal(RecoveryState.Verifying, recovery.State);
        var retried = Assert.Single(recovery.PendingAudit);
        Assert.Equal(new Retried(RecoveryState.Verifying), retried.Event);
        Assert.True(retried.Moved);
    }

    [Fact]
    public async Task Records_who_acted_and_what_happened_as_one_typed_entry_when_a_person_acts()
    {
        var recovery = In(RecoveryState.Requested, RecoveryMode.Recovery, validated: false);

        await recovery.ActAsync(new PersonAction(RecoveryTrigger.Confirm, RecoveryWorld.Alice));

        var entry = Assert.Single(recovery.PendingAudit);
        Assert.Equal((RecoveryWorld.Alice, RecoveryState.Requested, RecoveryState.Restoring), (entry.Actor, entry.From, entry.To));
        Assert.Equal(new Confirmed("pitr-r1-a1", RecoveryWorld.Now.AddMinutes(-10)), entry.Event);
        Assert.Equal(new ActionTaken(RecoveryTrigger.Confirm, RecoveryWorld.Alice, RecoveryWorld.Now), recovery.Snapshot.LastPersonAction);
    }

    [Fact]
    public async Task Throws_rather_than_moving_when_a_forbidden_trigger_is_fired()
    {
        var recovery = In(RecoveryState.Requested, RecoveryMode.Recovery, validated: false);

        await Assert.ThrowsAsync<InvalidOperationException>(() => recovery.ActAsync(new PersonAction(RecoveryTrigger.Approve, RecoveryWorld.Bob)));
        Assert.Equal(RecoveryState.Requested, recovery.State);
        Assert.DoesNotContain(recovery.PendingAudit, e => e.Moved);
    }

    private static Recovery In(RecoveryState state, RecoveryMode mode, bool validated, RecoveryRules? rules = null, bool secretChanged = false, RecoveryState? failedIn = null)
    {
        var window = new RestorableWindow(RecoveryWorld.Now.AddDays(-1), RecoveryWorld.Now);
        var attempt = new RestoreAttempt(1, RecoveryWorld.Now.AddMinutes(-10), "pitr-r1-a1")
        {
            Endpoint = new DatabaseEndpoint("pitr-r1-a1", "h", 5432, "db"),
            Validation = new ValidationReport([new CheckResult("rows", validated, "1", ">= 1", TimeSpan.Zero)]),
        };
        var snapshot = new RecoverySnapshot("r1", "orders", mode, state, 3, RecoveryWorld.Alice, "C1", RecoveryWorld.Now, RecoveryWorld.Now, window, "orders-prod", false)
        {
            Attempts = [attempt],
            Phases = [new PhaseEntry(state, RecoveryWorld.Now)],
            SecretChange = secretChanged ? new SecretChange("v1", "v2", "prod:5432") : null,
            FailedIn = failedIn ?? (state == RecoveryState.Failed ? RecoveryState.Restoring : null),
        };
        return Recovery.Load(snapshot, rules ?? new RecoveryRules(), Clock);
    }
}
