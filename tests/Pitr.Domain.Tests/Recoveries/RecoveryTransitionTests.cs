using Microsoft.Extensions.Time.Testing;
using Pitr.Domain.Ports;
using Pitr.Domain.Recoveries;
using Pitr.Domain.Tests.Fakes;

namespace Pitr.Domain.Tests.Recoveries;

/// <summary>The machine alone: which person's actions each state permits, and how a refusal reads.</summary>
public sealed class RecoveryTransitionTests
{
    private static readonly FakeTimeProvider Clock = new(RecoveryWorld.Now);

    public static TheoryData<RecoveryState, RecoveryMode, string> PermittedActions => new()
    {
        { RecoveryState.Requested, RecoveryMode.Recovery, "Confirm,Cancel,Abort" },
        { RecoveryState.Restoring, RecoveryMode.Recovery, "Abort" },
        { RecoveryState.Validating, RecoveryMode.Recovery, "Abort" },
        { RecoveryState.AwaitingApproval, RecoveryMode.Recovery, "Approve,Reject,Abort" },
        { RecoveryState.AwaitingApproval, RecoveryMode.Drill, "Approve,Reject,Abort" },
        { RecoveryState.CuttingOver, RecoveryMode.Recovery, "" },
        { RecoveryState.Restarting, RecoveryMode.Recovery, "Rollback" },
        { RecoveryState.Verifying, RecoveryMode.Recovery, "Rollback" },
        { RecoveryState.Completed, RecoveryMode.Recovery, "Rollback,Decommission" },
        { RecoveryState.Completed, RecoveryMode.Drill, "" },
        { RecoveryState.RollingBack, RecoveryMode.Recovery, "" },
        { RecoveryState.Failed, RecoveryMode.Recovery, "Abort,Retry" },
        { RecoveryState.Decommissioned, RecoveryMode.Recovery, "" },
        { RecoveryState.RolledBack, RecoveryMode.Recovery, "" },
        { RecoveryState.Aborted, RecoveryMode.Recovery, "" },
    };

    [Theory]
    [MemberData(nameof(PermittedActions))]
    public void Offers_exactly_the_permitted_actions_when_in_a_state(RecoveryState state, RecoveryMode mode, string expected)
    {
        var recovery = In(state, mode, validated: true);

        var offered = string.Join(",", recovery.AvailableActions().Select(a => a.Kind));

        Assert.Equal(expected, offered);
        Assert.All(recovery.AvailableActions(), a => Assert.Equal(state.ToString(), a.OfferedInState));
    }

    public static TheoryData<RecoveryState, RecoveryActionKind, string> Refusals => new()
    {
        { RecoveryState.Restoring, RecoveryActionKind.Approve, "Approve is not possible while recovery r1 is Restoring." },
        { RecoveryState.Requested, RecoveryActionKind.Rollback, "Rollback is not possible while recovery r1 is Requested." },
        { RecoveryState.CuttingOver, RecoveryActionKind.Abort, "Abort is not possible while recovery r1 is CuttingOver." },
        { RecoveryState.Completed, RecoveryActionKind.Confirm, "Confirm is not possible while recovery r1 is Completed." },
        { RecoveryState.Aborted, RecoveryActionKind.Retry, "Retry is not possible while recovery r1 is Aborted." },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void Explains_why_when_an_action_is_not_permitted(RecoveryState state, RecoveryActionKind kind, string reason)
    {
        var recovery = In(state, RecoveryMode.Recovery, validated: true);

        Assert.Equal(reason, recovery.WhyNot(kind, RecoveryWorld.Bob));
    }

    [Fact]
    public void Names_the_four_eyes_rule_when_the_initiator_approves()
    {
        var recovery = In(RecoveryState.AwaitingApproval, RecoveryMode.Recovery, validated: true);

        Assert.Equal("Approve needs an approver other than the person who started the recovery.", recovery.WhyNot(RecoveryActionKind.Approve, RecoveryWorld.Alice));
        Assert.Null(recovery.WhyNot(RecoveryActionKind.Approve, RecoveryWorld.Bob));
    }

    [Fact]
    public void Allows_self_approval_when_four_eyes_is_off()
    {
        var recovery = In(RecoveryState.AwaitingApproval, RecoveryMode.Recovery, validated: true, new RecoveryRules { RequireDistinctApprover = false });

        Assert.Null(recovery.WhyNot(RecoveryActionKind.Approve, RecoveryWorld.Alice));
    }

    [Fact]
    public void Blocks_the_cutover_when_a_validation_check_failed()
    {
        var recovery = In(RecoveryState.AwaitingApproval, RecoveryMode.Recovery, validated: false);

        Assert.Equal("Approve needs every validation check passed.", recovery.WhyNot(RecoveryActionKind.Approve, RecoveryWorld.Bob));
        Assert.Null(recovery.WhyNot(RecoveryActionKind.Reject, RecoveryWorld.Bob, RecoveryWorld.Now.AddHours(-1)));
    }

    [Fact]
    public void Refuses_abort_and_offers_rollback_when_failed_after_the_secret_changed()
    {
        var recovery = In(RecoveryState.Failed, RecoveryMode.Recovery, validated: true, secretChanged: true);

        Assert.Equal("Abort needs the connection secret was not changed (otherwise roll back).", recovery.WhyNot(RecoveryActionKind.Abort, RecoveryWorld.Bob));
        Assert.Null(recovery.WhyNot(RecoveryActionKind.Rollback, RecoveryWorld.Bob));
    }

    [Fact]
    public async Task Retries_in_the_state_it_failed_in()
    {
        var recovery = In(RecoveryState.Failed, RecoveryMode.Recovery, validated: true, secretChanged: true, failedIn: RecoveryState.Verifying);

        await recovery.RetryAsync(RecoveryWorld.Bob);

        Assert.Equal(RecoveryState.Verifying, recovery.State);
    }

    [Fact]
    public async Task Throws_rather_than_moving_when_a_forbidden_trigger_is_fired()
    {
        var recovery = In(RecoveryState.Requested, RecoveryMode.Recovery, validated: false);

        await Assert.ThrowsAsync<InvalidOperationException>(() => recovery.ApproveAsync(RecoveryWorld.Bob));
        Assert.Equal(RecoveryState.Requested, recovery.State);
        Assert.DoesNotContain(recovery.PendingAudit, e => e.From != e.To);
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
