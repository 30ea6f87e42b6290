using Pitr.Domain.Ports;
using Pitr.Domain.Recoveries.Events;
using Stateless;

namespace Pitr.Domain.Recoveries;

/// <summary>
/// One point-in-time recovery of one database. The state machine decides; it does no I/O. Entry
/// actions only record what must happen next; the runner performs it after the new state is saved
/// and reports the outcome back as a trigger. What happened is recorded as typed events.
/// </summary>
public sealed partial class Recovery
{
    private readonly StateMachine<RecoveryState, RecoveryTrigger> machine;
    private readonly TimeProvider clock;
    private readonly RecoveryRules rules;
    private readonly List<AuditEntry> pendingAudit = [];
    private RecoverySnapshot data;
    private Actor firedBy = Actor.Bot;
    private RecoveryEvent? firing;

    private readonly StateMachine<RecoveryState, RecoveryTrigger>.TriggerWithParameters<Actor> approve;
    private readonly StateMachine<RecoveryState, RecoveryTrigger>.TriggerWithParameters<Actor> decommission;
    private readonly StateMachine<RecoveryState, RecoveryTrigger>.TriggerWithParameters<RecoveryTarget> reject;
    private readonly StateMachine<RecoveryState, RecoveryTrigger>.TriggerWithParameters<RestoreAvailable> restoreAvailable;
    private readonly StateMachine<RecoveryState, RecoveryTrigger>.TriggerWithParameters<RecoveryEvent> restoreFailed;
    private readonly StateMachine<RecoveryState, RecoveryTrigger>.TriggerWithParameters<ValidationReport> validationCompleted;
    private readonly StateMachine<RecoveryState, RecoveryTrigger>.TriggerWithParameters<SecretChange> secretUpdated;
    private readonly StateMachine<RecoveryState, RecoveryTrigger>.TriggerWithParameters<RolloutReport> rolloutCompleted;
    private readonly StateMachine<RecoveryState, RecoveryTrigger>.TriggerWithParameters<RolloutReport> rolloutFailed;
    private readonly StateMachine<RecoveryState, RecoveryTrigger>.TriggerWithParameters<HealthReport> healthConfirmed;
    private readonly StateMachine<RecoveryState, RecoveryTrigger>.TriggerWithParameters<HealthReport> healthFailed;
    private readonly StateMachine<RecoveryState, RecoveryTrigger>.TriggerWithParameters<RolloutReport> rollbackCompleted;
    private readonly StateMachine<RecoveryState, RecoveryTrigger>.TriggerWithParameters<RecoveryEvent> stepFailed;
    private readonly StateMachine<RecoveryState, RecoveryTrigger>.TriggerWithParameters<RecoveryEvent> timedOut;
    private readonly StateMachine<RecoveryState, RecoveryTrigger>.TriggerWithParameters<RecoveryEvent> rollback;

    private Recovery(RecoverySnapshot data, RecoveryRules rules, TimeProvider clock)
    {
        this.data = data;
        this.rules = rules;
        this.clock = clock;
        machine = new StateMachine<RecoveryState, RecoveryTrigger>(() => this.data.State, s => this.data = this.data with { State = s });
        approve = machine.SetTriggerParameters<Actor>(RecoveryTrigger.Approve);
        decommission = machine.SetTriggerParameters<Actor>(RecoveryTrigger.Decommission);
        reject = machine.SetTriggerParameters<RecoveryTarget>(RecoveryTrigger.Reject);
        restoreAvailable = machine.SetTriggerParameters<RestoreAvailable>(RecoveryTrigger.RestoreAvailable);
        restoreFailed = machine.SetTriggerParameters<RecoveryEvent>(RecoveryTrigger.RestoreFailed);
        validationCompleted = machine.SetTriggerParameters<ValidationReport>(RecoveryTrigger.ValidationCompleted);
        secretUpdated = machine.SetTriggerParameters<SecretChange>(RecoveryTrigger.SecretUpdated);
        rolloutCompleted = machine.SetTriggerParameters<RolloutReport>(RecoveryTrigger.RolloutCompleted);
        rolloutFailed = machine.SetTriggerParameters<RolloutReport>(RecoveryTrigger.RolloutFailed);
        healthConfirmed = machine.SetTriggerParameters<HealthReport>(RecoveryTrigger.HealthConfirmed);
        healthFailed = machine.SetTriggerParameters<HealthReport>(RecoveryTrigger.HealthFailed);
        rollbackCompleted = machine.SetTriggerParameters<RolloutReport>(RecoveryTrigger.RollbackCompleted);
        stepFailed = machine.SetTriggerParameters<RecoveryEvent>(RecoveryTrigger.StepFailed);
        timedOut = machine.SetTriggerParameters<RecoveryEvent>(RecoveryTrigger.TimedOut);
        rollback = machine.SetTriggerParameters<RecoveryEvent>(RecoveryTrigger.Rollback);
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
        var identifier = RestoreAttempt.IdentifierFor(plan.Id, 1);
        var snapshot = new RecoverySnapshot(
            plan.Id, plan.Database, plan.Mode, RecoveryState.Requested, Version: 0, plan.Initiator, plan.Channel,
            RequestedAt: now, IncidentAt: plan.IncidentAt, plan.Window, plan.SourceIdentifier, plan.AutoApprove)
        {
            Attempts = [new RestoreAttempt(1, plan.Target.Instant, identifier)],
            Phases = [new PhaseEntry(RecoveryState.Requested, now)],
            Warning = plan.Warning,
        };
        var recovery = new Recovery(snapshot, rules, clock);
        recovery.Record(plan.Initiator, new Planned(plan.Mode, plan.Target, identifier, plan.Window, plan.SourceIdentifier, plan.IncidentAt, plan.Warning)
        {
            ExpectedDifferences = plan.ExpectedDifferences,
            MarkerProof = plan.MarkerProof,
            AbortedDrill = plan.AbortedDrill,
        });
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

    /// <summary>When the current state was entered; phase timeouts count from here.</summary>
    public DateTimeOffset StateEnteredAt => data.Phases[^1].EnteredAt;

    private void Record(Actor actor, RecoveryEvent happened) => Record(actor, State, State, happened);

    private void Record(Actor actor, RecoveryState from, RecoveryState to, RecoveryEvent happened) =>
        pendingAudit.Add(new AuditEntry(data.Id, clock.GetUtcNow(), actor, from, to, happened));

    private async Task FireAsync(Actor by, RecoveryEvent happened, Func<Task> fire)
    {
        (firedBy, firing) = (by, happened);
        await fire().ConfigureAwait(false);
    }
}
