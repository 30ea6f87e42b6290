using Pitr.Domain.Ports;
using Stateless;

namespace Pitr.Domain.Recoveries;

/// <summary>
/// One point-in-time recovery of one database. The state machine decides; it does no I/O. Entry
/// actions only record what must happen next; the runner performs it after the new state is saved
/// and reports the outcome back as a trigger.
/// </summary>
public sealed partial class Recovery
{
    private readonly StateMachine<RecoveryState, RecoveryTrigger> machine;
    private readonly TimeProvider clock;
    private readonly RecoveryRules rules;
    private readonly List<AuditEntry> pendingAudit = [];
    private RecoverySnapshot data;
    private Actor firedBy = Actor.Bot;
    private string firedDetail = "";

    private readonly StateMachine<RecoveryState, RecoveryTrigger>.TriggerWithParameters<Actor> approve;
    private readonly StateMachine<RecoveryState, RecoveryTrigger>.TriggerWithParameters<DateTimeOffset> reject;
    private readonly StateMachine<RecoveryState, RecoveryTrigger>.TriggerWithParameters<DatabaseEndpoint> restoreAvailable;
    private readonly StateMachine<RecoveryState, RecoveryTrigger>.TriggerWithParameters<string> restoreFailed;
    private readonly StateMachine<RecoveryState, RecoveryTrigger>.TriggerWithParameters<ValidationReport> validationCompleted;
    private readonly StateMachine<RecoveryState, RecoveryTrigger>.TriggerWithParameters<SecretChange> secretUpdated;
    private readonly StateMachine<RecoveryState, RecoveryTrigger>.TriggerWithParameters<RolloutReport> rolloutCompleted;
    private readonly StateMachine<RecoveryState, RecoveryTrigger>.TriggerWithParameters<RolloutReport> rolloutFailed;
    private readonly StateMachine<RecoveryState, RecoveryTrigger>.TriggerWithParameters<HealthReport> healthConfirmed;
    private readonly StateMachine<RecoveryState, RecoveryTrigger>.TriggerWithParameters<HealthReport> healthFailed;
    private readonly StateMachine<RecoveryState, RecoveryTrigger>.TriggerWithParameters<RolloutReport> rollbackCompleted;
    private readonly StateMachine<RecoveryState, RecoveryTrigger>.TriggerWithParameters<string> stepFailed;
    private readonly StateMachine<RecoveryState, RecoveryTrigger>.TriggerWithParameters<string> timedOut;
    private readonly StateMachine<RecoveryState, RecoveryTrigger>.TriggerWithParameters<string> rollback;

    private Recovery(RecoverySnapshot data, RecoveryRules rules, TimeProvider clock)
    {
        this.data = data;
        this.rules = rules;
        this.clock = clock;
        machine = new StateMachine<RecoveryState, RecoveryTrigger>(() => this.data.State, s => this.data = this.data with { State = s });
        approve = machine.SetTriggerParameters<Actor>(RecoveryTrigger.Approve);
        reject = machine.SetTriggerParameters<DateTimeOffset>(RecoveryTrigger.Reject);
        restoreAvailable = machine.SetTriggerParameters<DatabaseEndpoint>(RecoveryTrigger.RestoreAvailable);
        restoreFailed = machine.SetTriggerParameters<string>(RecoveryTrigger.RestoreFailed);
        validationCompleted = machine.SetTriggerParameters<ValidationReport>(RecoveryTrigger.ValidationCompleted);
        secretUpdated = machine.SetTriggerParameters<SecretChange>(RecoveryTrigger.SecretUpdated);
        rolloutCompleted = machine.SetTriggerParameters<RolloutReport>(RecoveryTrigger.RolloutCompleted);
        rolloutFailed = machine.SetTriggerParameters<RolloutReport>(RecoveryTrigger.RolloutFailed);
        healthConfirmed = machine.SetTriggerParameters<HealthReport>(RecoveryTrigger.HealthConfirmed);
        healthFailed = machine.SetTriggerParameters<HealthReport>(RecoveryTrigger.HealthFailed);
        rollbackCompleted = machine.SetTriggerParameters<RolloutReport>(RecoveryTrigger.RollbackCompleted);
        stepFailed = machine.SetTriggerParameters<string>(RecoveryTrigger.StepFailed);
        timedOut = machine.SetTriggerParameters<string>(RecoveryTrigger.TimedOut);
        rollback = machine.SetTriggerParameters<string>(RecoveryTrigger.Rollback);
        Configure();
    }

    public string Id => data.Id;
    public RecoveryState State => data.State;
    public RecoverySnapshot Snapshot => data;

    /// <summary>Audit entries recorded since the last save.</summary>
    public IReadOnlyList<AuditEntry> PendingAudit => pendingAudit;

    public static Recovery Plan(RecoveryPlan plan, RecoveryRules rules, TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        var snapshot = new RecoverySnapshot(
            plan.Id, plan.Database, plan.Mode, RecoveryState.Requested, Version: 0, plan.Initiator, plan.Channel,
            RequestedAt: now, IncidentAt: plan.IncidentAt ?? now, plan.Window, plan.SourceIdentifier, plan.AutoApprove)
        {
            Attempts = [new RestoreAttempt(1, plan.Target, RestoreAttempt.IdentifierFor(plan.Id, 1))],
            Phases = [new PhaseEntry(RecoveryState.Requested, now)],
            PlanWarning = plan.Warning,
        };
        var recovery = new Recovery(snapshot, rules, clock);
        var what = plan.Mode == RecoveryMode.Drill ? "drill" : "recovery";
        recovery.Record(plan.Initiator, "Start", RecoveryState.Requested, RecoveryState.Requested,
            $"{what} of {plan.Database} to {TimeFormat.Utc(plan.Target)}");
        return recovery;
    }

    public static Recovery Load(RecoverySnapshot snapshot, RecoveryRules rules, TimeProvider clock) =>
        new(snapshot, rules, clock);

    /// <summary>Called by the repository once the pending audit entries are stored.</summary>
    internal void MarkSaved(int version)
    {
        data = data with { Version = version };
        pendingAudit.Clear();
    }

    private void Record(Actor actor, string action, RecoveryState from, RecoveryState to, string detail) =>
        pendingAudit.Add(new AuditEntry(data.Id, clock.GetUtcNow(), actor, action, from, to, detail));

    private async Task FireAsync(Actor by, string detail, Func<Task> fire)
    {
        firedBy = by;
        firedDetail = detail;
        await fire().ConfigureAwait(false);
    }
}
