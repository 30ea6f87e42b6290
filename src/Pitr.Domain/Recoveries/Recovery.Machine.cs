using Pitr.Domain.Ports;
using Pitr.Domain.Recoveries.Events;
using Stateless;

namespace Pitr.Domain.Recoveries;

public sealed partial class Recovery
{
    private const string DrillGuard = "the recovery is a drill";
    private const string CutoverGuard = "the recovery is not a drill (drills never cut over)";

    /// <summary>States in which the runner does work through the ports; a failure there can be retried.</summary>
    private static readonly RecoveryState[] WorkingStates =
    [
        RecoveryState.Restoring, RecoveryState.Validating, RecoveryState.CuttingOver,
        RecoveryState.Restarting, RecoveryState.Verifying, RecoveryState.RollingBack,
    ];

    private static readonly Stateless.Reflection.DynamicStateInfos RetryDestinations = RetryableStates();

    private bool IsDrill => data.Mode == RecoveryMode.Drill;

    /// <summary>The state diagram, generated from the machine itself.</summary>
    public static string StateDiagram()
    {
        var window = new RestorableWindow(DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);
        var plan = new RecoveryPlan("diagram", "db", RecoveryMode.Recovery, RecoveryTarget.At(DateTimeOffset.UnixEpoch), Actor.Bot, "-", window, "db");
        var recovery = Plan(plan, new RecoveryRules(), TimeProvider.System);
        return Stateless.Graph.MermaidGraph.Format(recovery.machine.GetInfo());
    }

    private static Stateless.Reflection.DynamicStateInfos RetryableStates()
    {
        var infos = new Stateless.Reflection.DynamicStateInfos();
        foreach (var state in WorkingStates)
        {
            infos.Add(state.ToString(), $"failed in {state}");
        }

        return infos;
    }

    private void Configure()
    {
        machine.OnTransitioned(OnTransitioned);
        machine.Configure(RecoveryState.Requested)
            .Permit(RecoveryTrigger.Confirm, RecoveryState.Restoring)
            .Permit(RecoveryTrigger.Cancel, RecoveryState.Aborted)
            .Permit(RecoveryTrigger.Abort, RecoveryState.Aborted);

        machine.Configure(RecoveryState.Restoring)
            .OnEntryFrom(reject, StartAttemptFor)
            .OnEntryFrom(RecoveryTrigger.Retry, RetryAttempt)
            .Permit(RecoveryTrigger.RestoreAvailable, RecoveryState.Validating)
            .Permit(RecoveryTrigger.RestoreFailed, RecoveryState.Failed)
            .Permit(RecoveryTrigger.TimedOut, RecoveryState.Failed)
            .Permit(RecoveryTrigger.Abort, RecoveryState.Aborted);

        machine.Configure(RecoveryState.Validating)
            .OnEntryFrom(restoreAvailable, available => UpdateAttempt(a => a with
            {
                Endpoint = available.Endpoint,
                Outcome = AttemptOutcome.Available,
                PausedAtTarget = available.PausedAtTarget,
                Took = available.Took,
            }), "RecordEndpoint")
            .Permit(RecoveryTrigger.ValidationCompleted, RecoveryState.AwaitingApproval)
            .Permit(RecoveryTrigger.TimedOut, RecoveryState.Failed)
            .Permit(RecoveryTrigger.Abort, RecoveryState.Aborted);

        machine.Configure(RecoveryState.AwaitingApproval)
            .OnEntryFrom(validationCompleted, RecordValidation)
            .PermitIf(approve, RecoveryState.CuttingOver,
                Guard<Actor>(_ => !IsDrill, CutoverGuard),
                Guard<Actor>(_ => ValidationPassed, "every validation check passed"),
                Guard<Actor>(by => !rules.RequireDistinctApprover || by.Id != data.Initiator.Id, "an approver other than the person who started the recovery"))
            .PermitIf(approve, RecoveryState.Completed, _ => IsDrill, DrillGuard)
            .PermitIf(reject, RecoveryState.Restoring, target => target.Instant < data.CurrentAttempt.Target, "the new target time is earlier than the rejected one")
            .PermitIf(reject, RecoveryState.Restoring, ContinuesReplay, "a later target, and the restore is paused at its target (it replays on, without a new copy)")
            .Permit(RecoveryTrigger.Abort, RecoveryState.Aborted);

        machine.Configure(RecoveryState.CuttingOver)
            .OnEntryFrom(approve, by => data = data with { Approver = by }, "RecordApprover")
            .Permit(RecoveryTrigger.SecretUpdated, RecoveryState.Restarting)
            .Permit(RecoveryTrigger.TimedOut, RecoveryState.Failed);

        machine.Configure(RecoveryState.Restarting)
            .OnEntryFrom(secretUpdated, change => data = data with { SecretChange = change }, "RecordSecretChange")
            .OnEntry(() => data = data with { RestartedAt = clock.GetUtcNow() }, "StampRestart")
            .Permit(RecoveryTrigger.RolloutCompleted, RecoveryState.Verifying)
            .Permit(RecoveryTrigger.RolloutFailed, RecoveryState.RollingBack)
            .Permit(RecoveryTrigger.TimedOut, RecoveryState.RollingBack)
            .Permit(RecoveryTrigger.Rollback, RecoveryState.RollingBack);

        machine.Configure(RecoveryState.Verifying)
            .OnEntryFrom(rolloutCompleted, report => data = data with { Rollout = report }, "RecordRollout")
            .Permit(RecoveryTrigger.HealthConfirmed, RecoveryState.Completed)
            .PermitIf(healthFailed, RecoveryState.RollingBack, _ => rules.AutoRollbackOnUnhealthy, "automatic rollback is on")
            .PermitIf(healthFailed, RecoveryState.Failed, _ => !rules.AutoRollbackOnUnhealthy, "automatic rollback is off")
            .Permit(RecoveryTrigger.TimedOut, RecoveryState.Failed)
            .Permit(RecoveryTrigger.Rollback, RecoveryState.RollingBack);

        machine.Configure(RecoveryState.Completed)
            .OnEntryFrom(healthConfirmed, CompleteCutover)
            .OnEntryFrom(approve, CompleteDrill)
            .PermitIf(RecoveryTrigger.Rollback, RecoveryState.RollingBack, () => !IsDrill, CutoverGuard)
            .PermitIf(decommission, RecoveryState.Decommissioned,
                Guard<Actor>(_ => !IsDrill, CutoverGuard),
                Guard<Actor>(_ => RetentionEnded, "the retention of the replaced database has ended"),
                Guard<Actor>(_ => MayDeleteSource, "Pitr:Rules:AllowSourceDecommission on, or a replaced database this bot restored (without it the bot never deletes a database it did not create)"),
                Guard<Actor>(by => by.Id != data.Initiator.Id, "a second person, other than the one who started the recovery"));

        machine.Configure(RecoveryState.Decommissioned)
            .OnEntry(() => ScheduleDeletion(data.SourceIdentifier, TimeSpan.Zero, DeletionReason.Replaced), "ScheduleSourceDeletion");

        machine.Configure(RecoveryState.RollingBack)
            .OnEntryFrom(rolloutFailed, report => data = data with { Rollout = report }, "RecordFailedRollout")
            .OnEntryFrom(healthFailed, report => data = data with { Health = report }, "RecordUnhealthy")
            .OnEntry(() => data = data with { RestartedAt = clock.GetUtcNow() }, "StampRestart")
            .Permit(RecoveryTrigger.RollbackCompleted, RecoveryState.RolledBack)
            .Permit(RecoveryTrigger.TimedOut, RecoveryState.Failed);

        machine.Configure(RecoveryState.RolledBack)
            .OnEntryFrom(rollbackCompleted, report => data = data with { Rollout = report }, "RecordRollout")
            .OnEntry(() =>
            {
                UpdateAttempt(a => a with { Outcome = AttemptOutcome.Abandoned });
                ScheduleDeletion(data.CurrentAttempt.Identifier, rules.Retention, DeletionReason.RolledBack);
            }, "ScheduleRestoreDeletion");

        machine.Configure(RecoveryState.Failed)
            .OnEntryFrom(healthFailed, report => data = data with { Health = report }, "RecordUnhealthy")
            .OnEntry(transition => data = data with { FailedIn = transition.Source }, "RecordFailedState")
            .PermitDynamic(RecoveryTrigger.Retry, () => data.FailedIn ?? RecoveryState.Restoring, "the state it failed in", RetryDestinations)
            .PermitIf(RecoveryTrigger.Abort, RecoveryState.Aborted, () => data.SecretChange is null, "the connection secret was not changed (otherwise roll back)")
            .PermitIf(RecoveryTrigger.Rollback, RecoveryState.RollingBack, () => data.SecretChange is not null, "the connection secret was changed");

        machine.Configure(RecoveryState.Aborted)
            .OnEntry(() =>
            {
                UpdateAttempt(a => a with { Outcome = AttemptOutcome.Abandoned });
                ScheduleDeletion(data.CurrentAttempt.Identifier, TimeSpan.Zero, DeletionReason.Aborted);
            }, "ScheduleRestoreDeletion");

        foreach (var working in WorkingStates)
        {
            machine.Configure(working).Permit(RecoveryTrigger.StepFailed, RecoveryState.Failed);
        }
    }

    private void OnTransitioned(StateMachine<RecoveryState, RecoveryTrigger>.Transition transition)
    {
        var now = clock.GetUtcNow();
        var happened = firing ?? throw new InvalidOperationException($"{transition.Trigger} fired without its event.");
        data = data with
        {
            Phases = [.. data.Phases, new PhaseEntry(transition.Destination, now)],
            LastPersonAction = transition.Trigger.IsPersonAction() ? new ActionTaken(transition.Trigger, firedBy, now) : data.LastPersonAction,
            Trouble = Trouble(happened, transition.Destination),
        };
        Record(firedBy, transition.Source, transition.Destination, happened);
    }

    /// <summary>What keeps the recovery from going on by itself, shown until the recovery moves past it.</summary>
    private RecoveryEvent? Trouble(RecoveryEvent happened, RecoveryState destination) => happened switch
    {
        RestoreFailed or StepFailed or DatabaseUnconfigured or NotProtected or TimedOut or RolloutFailed or HealthFailed or RollbackRequested => happened,
        ValidationCompleted { Report.Passed: false } => happened,
        _ when destination is RecoveryState.Failed or RecoveryState.RollingBack or RecoveryState.RolledBack or RecoveryState.Verifying => data.Trouble,
        _ => null,
    };

    private static Tuple<Func<T, bool>, string> Guard<T>(Func<T, bool> guard, string description) => Tuple.Create(guard, description);

    private bool RetentionEnded => data.CompletedAt + rules.Retention <= clock.GetUtcNow();

    /// <summary>People opted in to deleting sources, or the replaced database is a restore of this bot's that a cutover had made production.</summary>
    private bool MayDeleteSource => rules.AllowSourceDecommission || data.Warning?.RunsOn == data.SourceIdentifier;

    private bool ValidationPassed => data.CurrentAttempt.Validation?.Passed == true;

    /// <summary>A later target can be reached by the same server only while it is paused short of promotion.</summary>
    private bool ContinuesReplay(RecoveryTarget target) =>
        target.Instant > data.CurrentAttempt.Target && data.CurrentAttempt.PausedAtTarget;

    private void StartAttemptFor(RecoveryTarget target)
    {
        var rejected = data.CurrentAttempt;
        var continues = ContinuesReplay(target);
        UpdateAttempt(a => a with { Outcome = AttemptOutcome.Rejected });
        if (continues)
        {
            // The same server replays on: nothing to delete, and the new attempt keeps its identifier.
            data = data with { Attempts = [.. data.Attempts, new RestoreAttempt(rejected.Number + 1, target.Instant, rejected.Identifier) { Method = RestoreMethod.ContinuedReplay }] };
            return;
        }

        ScheduleDeletion(rejected.Identifier, TimeSpan.Zero, DeletionReason.Rejected);
        AddAttempt(target.Instant);
    }

    private void RetryAttempt()
    {
        var failed = data.CurrentAttempt;
        UpdateAttempt(a => a with { Outcome = AttemptOutcome.Failed });
        ScheduleDeletion(failed.Identifier, TimeSpan.Zero, DeletionReason.Failed);
        AddAttempt(failed.Target);
    }

    private void AddAttempt(DateTimeOffset target)
    {
        var number = data.CurrentAttempt.Number + 1;
        data = data with { Attempts = [.. data.Attempts, new RestoreAttempt(number, target, RestoreAttempt.IdentifierFor(data.Id, number))] };
    }

    private void RecordValidation(ValidationReport report) => UpdateAttempt(a => a with { Validation = report });

    private void CompleteCutover(HealthReport report)
    {
        UpdateAttempt(a => a with { Outcome = AttemptOutcome.CutOver });
        data = data with { Health = report, CompletedAt = clock.GetUtcNow() };
    }

    private void CompleteDrill(Actor by)
    {
        UpdateAttempt(a => a with { Outcome = AttemptOutcome.Drilled });
        data = data with { Approver = by, CompletedAt = clock.GetUtcNow() };
        ScheduleDeletion(data.CurrentAttempt.Identifier, TimeSpan.Zero, DeletionReason.DrillFinished);
    }

    private void UpdateAttempt(Func<RestoreAttempt, RestoreAttempt> change) =>
        data = data with { Attempts = [.. data.Attempts.Take(data.Attempts.Count - 1), change(data.CurrentAttempt)] };

    private void ScheduleDeletion(string identifier, TimeSpan after, DeletionReason reason)
    {
        if (data.Deletions.Any(d => d.Identifier == identifier))
        {
            return;
        }

        data = data with { Deletions = [.. data.Deletions, new ScheduledDeletion(identifier, clock.GetUtcNow() + after, reason)] };
    }
}
