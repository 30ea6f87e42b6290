using Pitr.Domain;
using Pitr.Domain.Ports;
using Pitr.Domain.Recoveries;
using Pitr.Domain.Recoveries.Events;

namespace Pitr.Adapters.Presentation;

/// <summary>The words of the thread and of the header, derived from typed entries: one wording, marked up per channel.</summary>
public sealed class RecoveryNarrative(TextStyle style)
{
    private readonly ReportWording reports = new(style);

    /// <summary>The thread message telling <paramref name="entry"/>, or null when it needs none.</summary>
    public ThreadMessage? Tell(AuditEntry entry, RecoveryView view, IReadOnlyList<RecoveryAction> actions)
    {
        var r = view.Recovery;
        ThreadMessage Say(string text, IReadOnlyList<TableRow>? table = null) => new(r.Id, text, table, actions.Count > 0 ? actions : null);
        var who = style.Person(entry.Actor);
        return entry.Event switch
        {
            LegacyEntry or Refused or NotAdmitted => null,
            Planned plan => Say(Plan(r, plan)),
            Confirmed c => Say($"{who} confirmed. Restoring {style.Code(c.Identifier)} to {TimeFormat.Utc(c.Target)}…"),
            Cancelled => Say($"{who} cancelled the plan. Nothing was restored."),
            RestoreRequested q => Say($"Restore of {style.Code(q.Identifier)} requested; polling until it is available."),
            RestoreAvailable a => Say($"{style.Code(a.Identifier)} is available at {style.Code(a.Endpoint.ToString())} after {TimeFormat.Duration(a.Took)}. Running validation checks…"),
            ValidationCompleted v => Say(ValidationSummary(r, v), Tables.Validation(v.Report)),
            Approved { Drill: true } => Say(reports.Report(RecoveryReport.From(r, view.Trail, view.Now))),
            Approved a => Say($"{who} approved the cutover. Pointing the connection secret at {style.Code(a.Endpoint?.ToString() ?? a.Identifier)}…"),
            Rejected j => Say($"{who} rejected attempt {j.RejectedAttempt}. Restoring again to {TimeFormat.Utc(j.NewTarget.Instant)} as {style.Code(j.NewIdentifier)}; the rejected restore will be deleted."),
            SecretUpdated s => Say($"Connection secret now points at {style.Code(s.Endpoint.ToString())} (version {s.Change.NewVersion}; previous version {s.Change.PreviousVersion} kept for rollback). Restarting workloads…"),
            RolloutCompleted o => Say("Every workload rolled out. Checking health…", Tables.Rollout(o.Report)),
            RolloutFailed f when entry.To == RecoveryState.RollingBack =>
                Say($"Rollout failed — {Trouble(f)}. Rolling back: restoring the previous secret version and restarting again.", Tables.Rollout(f.Report)),
            HealthConfirmed => Say(reports.Report(RecoveryReport.From(r, view.Trail, view.Now))),
            HealthFailed { RollingBack: true } h => Say($"Service still unhealthy — {Trouble(h)}. Rolling back automatically.{Dashboard(h.Report)}", Tables.Health(h.Report)),
            HealthFailed h => Say($"Service still unhealthy — {Trouble(h)}. Roll back, or retry the health check.{Dashboard(h.Report)}", Tables.Health(h.Report)),
            RollbackRequested q => Say($"{who} asked for a rollback{(q.Reason is { } why ? $" ({why})" : "")}. Restoring the previous secret version and restarting…"),
            RollbackCompleted b => Say($"Rolled back: the secret is at version {b.Reverted?.PreviousVersion} again and the workloads restarted onto {style.Code(b.Reverted?.PreviousEndpoint ?? "the original database")}.", Tables.Rollout(b.Report)),
            Aborted a => Say($"{who} aborted the recovery. {style.Code(a.Identifier)} will be deleted."),
            Retried t => Say($"{who} retried: back to {t.Into}."),
            Decommissioned d => Say($"{who} decommissioned the replaced database {style.Code(d.Identifier)}; deleting it."),
            TimedOut when entry.To == RecoveryState.RollingBack => Say($"Timed out — {Trouble(entry.Event)}. Rolling back."),
            _ when entry.To == RecoveryState.Failed && entry.From != RecoveryState.Failed => Say($"{style.Mark(Tone.Failed)}Failed while {entry.From}: {Trouble(entry.Event)}"),
            Deleted d => Say($"Deleted {style.Code(d.Identifier)}."),
            DeleteFailed f => Say($"{style.Mark(Tone.Warning)}Could not delete {style.Code(f.Identifier)} — {f.Reason}; next try {TimeFormat.Utc(f.RetryAt)}. Delete it by hand if it should go now."),
            _ => null,
        };
    }

    /// <summary>What became of a message's buttons once the recovery moved on.</summary>
    public string Closed(AuditEntry closedBy) =>
        closedBy.Event is Refused or NotAdmitted || !IsPersonEvent(closedBy.Event)
            ? $"Moved on: now {closedBy.To}"
            : LastAction(new ActionTaken(ActionOf(closedBy.Event), closedBy.Actor, closedBy.At));

    public string LastAction(ActionTaken last) => $"{Verb(last.Action)} by {style.Person(last.By)} at {TimeFormat.Utc(last.At)}";

    /// <summary>What keeps the recovery from going on by itself, in a line.</summary>
    public string Trouble(RecoveryEvent trouble) => trouble switch
    {
        RestoreFailed f => $"the engine reports restore {style.Code(f.Identifier)} failed: {f.EngineDetail ?? "no detail given"}",
        StepFailed f => f.Reason,
        DatabaseUnconfigured d => $"database {style.Code(d.Database)} is no longer configured",
        TimedOut { Phase: RecoveryPhase.Restore } t => $"the restore did not become available within {TimeFormat.Duration(t.Limit)}",
        TimedOut t => $"{PhaseName(t.Phase)} did not finish within {TimeFormat.Duration(t.Limit)}",
        RolloutFailed f => "rollout failed: " + string.Join("; ", f.Report.Workloads.Where(w => !w.Succeeded).Select(w => $"{w.Name}: {w.Detail}")),
        HealthFailed h => "unhealthy: " + string.Join("; ", h.Report.Checks.Where(c => !c.Healthy).Select(c => $"{c.Name} = {c.Observed} (threshold {c.Threshold})")),
        ValidationCompleted v => $"{v.Report.Checks.Count(c => !c.Passed)} of {v.Report.Checks.Count} validation checks failed",
        RollbackRequested q => q.Reason is { } reason ? $"rollback requested: {reason}" : "rollback requested",
        _ => trouble.GetType().Name,
    };

    public static string PhaseName(RecoveryPhase phase) => phase switch
    {
        RecoveryPhase.Secret => "the secret update",
        RecoveryPhase.Health => "the health check",
        _ => "the " + phase.ToString().ToLowerInvariant(),
    };

    public string Plan(RecoverySnapshot r, Planned plan)
    {
        var kind = plan.Mode == RecoveryMode.Drill ? "Drill" : "Recovery";
        var cutover = plan.Mode == RecoveryMode.Drill
            ? "A drill never touches the application: the restored database is validated, reported on and deleted."
            : "After validation you approve the cutover: the connection secret is pointed at the new database (previous version kept) and the workloads restart.";
        return $"{style.Bold($"{kind} plan")} for {style.Code(r.Database)} (source {style.Code(plan.SourceIdentifier)}), requested by {style.Person(r.Initiator)}\n" +
               $"• Restore to {style.Bold(TimeFormat.Utc(plan.Target.Instant))} into a NEW database {style.Code(plan.Identifier)}\n" +
               $"• Restorable window: {plan.Window}\n" +
               $"• Data written after the target is not in the restore: {TimeFormat.Duration(plan.IncidentAt - plan.Target.Instant)} before the incident time {TimeFormat.Utc(plan.IncidentAt)}\n" +
               $"• {cutover}\n" +
               (plan.Warning is { } moved ? $"{style.Mark(Tone.Warning)}{Moved(moved, r.Database)}\n" : "") +
               "Confirm to start.";
    }

    private string Moved(ProductionMoved moved, string database) =>
        $"Recovery {style.Code(moved.CutoverRecoveryId)} cut {style.Code(database)} over to {style.Code(moved.RunsOn)} on {TimeFormat.Utc(moved.Since)}, " +
        $"but this plan restores from the configured source {style.Code(moved.ConfiguredSource)}. If production now runs on {style.Code(moved.RunsOn)}, " +
        $"cancel, point {style.Code($"Pitr:Databases:{database}")} at it, and start again.";

    private string ValidationSummary(RecoverySnapshot r, ValidationCompleted v)
    {
        var passed = v.Report.Checks.Count(c => c.Passed);
        var next = r.IsDrill
            ? "Approve to finish the drill (the restored database is then deleted), or Reject to restore to an earlier time."
            : v.Report.Passed
                ? "Approve the cutover (someone other than the initiator), or Reject to restore to an earlier time."
                : "Cutover is blocked until every check passes: Reject to restore to an earlier time, or Abort.";
        return $"Validation of {style.Code(v.Identifier)} (target {TimeFormat.Utc(v.Target)}): {passed}/{v.Report.Checks.Count} checks passed.{SettingsWording.Sentences(v.Report, style)} {next}";
    }

    private static string Dashboard(HealthReport health) => health.Dashboard is { } link ? $" Dashboard: {link}" : "";

    private static bool IsPersonEvent(RecoveryEvent happened) =>
        happened is Confirmed or Cancelled or Approved or Rejected or Aborted or Retried or RollbackRequested or Decommissioned;

    private static RecoveryTrigger ActionOf(RecoveryEvent happened) => happened switch
    {
        Confirmed => RecoveryTrigger.Confirm,
        Cancelled => RecoveryTrigger.Cancel,
        Approved => RecoveryTrigger.Approve,
        Rejected => RecoveryTrigger.Reject,
        Aborted => RecoveryTrigger.Abort,
        Retried => RecoveryTrigger.Retry,
        RollbackRequested => RecoveryTrigger.Rollback,
        _ => RecoveryTrigger.Decommission,
    };

    public static string Verb(RecoveryTrigger action) => action switch
    {
        RecoveryTrigger.Confirm => "Confirmed",
        RecoveryTrigger.Cancel => "Cancelled",
        RecoveryTrigger.Approve => "Approved",
        RecoveryTrigger.Reject => "Rejected",
        RecoveryTrigger.Abort => "Aborted",
        RecoveryTrigger.Retry => "Retried",
        RecoveryTrigger.Rollback => "Rollback requested",
        RecoveryTrigger.Decommission => "Decommissioned",
        _ => action.ToString(),
    };
}
