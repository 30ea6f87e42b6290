using Pitr.Domain;
using Pitr.Domain.Ports;
using Pitr.Domain.Recoveries;
using Pitr.Domain.Recoveries.Events;

namespace Pitr.Adapters.Presentation;

/// <summary>The words of the thread and of the header, derived from typed entries: one wording, marked up per channel.</summary>
/// <param name="approvers">Who is asked when a cutover waits for approval.</param>
public sealed class RecoveryNarrative(TextStyle style, Approvers? approvers = null)
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
            Confirmed c => Say($"{who} confirmed. Restoring {style.Code(c.Identifier)} to {TimeFormat.Exact(c.Target)}…"),
            Cancelled => Say($"{who} cancelled the plan. Nothing was restored."),
            RestoreRequested q => Say($"Restore of {style.Code(q.Identifier)} requested; polling until it is available."),
            RestoreAvailable a => Say(Available(a)),
            ValidationCompleted v => Say(ValidationSummary(r, v), Tables.Validation(v.Report)),
            Approved { Drill: true } => Say(Finished(r, view)),
            Approved a => Say($"{who} approved the cutover. Pointing the connection secret at {style.Code(a.Endpoint?.ToString() ?? a.Identifier)}…"),
            Rejected { Method: RestoreMethod.ContinuedReplay } j =>
                Say($"{who} rejected attempt {j.RejectedAttempt}. Replaying {style.Code(j.NewIdentifier)} on to {Target(j.NewTarget)}: the same server, no new copy."),
            Rejected j => Say($"{who} rejected attempt {j.RejectedAttempt}. Restoring again to {Target(j.NewTarget)} as {style.Code(j.NewIdentifier)}; the rejected restore will be deleted."),
            SecretUpdated s => Say($"Connection secret now points at {style.Code(s.Endpoint.ToString())} (version {s.Change.NewVersion}; previous version {s.Change.PreviousVersion} kept for rollback). Restarting workloads…"),
            RolloutCompleted { Report.Skipped: true } => Say("No workloads configured: nothing restarted. Checking health…"),
            RolloutCompleted o => Say("Every workload rolled out. Checking health…", Tables.Rollout(o.Report)),
            RolloutFailed f when entry.To == RecoveryState.RollingBack =>
                Say($"Rollout failed — {Trouble(f)}. Rolling back: restoring the previous secret version and restarting again.", Tables.Rollout(f.Report)),
            HealthConfirmed { Report.Skipped: true } => Say("No health probe configured: health not checked.\n" + Finished(r, view)),
            HealthConfirmed => Say(Finished(r, view)),
            HealthFailed { RollingBack: true } h => Say($"Service still unhealthy — {Trouble(h)}. Rolling back automatically.{Dashboard(h.Report)}", Tables.Health(h.Report)),
            HealthFailed h => Say($"{style.Person(r.Initiator)} Service still unhealthy — {Trouble(h)}. Roll back, or retry the health check.{Dashboard(h.Report)}", Tables.Health(h.Report)),
            RollbackRequested q => Say($"{who} asked for a rollback{(q.Reason is { } why ? $" ({style.Said(why)})" : "")}. Restoring the previous secret version and restarting…"),
            RollbackCompleted b => Say($"Rolled back: the secret is at version {b.Reverted?.PreviousVersion} again and the workloads restarted onto {style.Code(b.Reverted?.PreviousEndpoint ?? "the original database")}.", Tables.Rollout(b.Report)),
            Aborted a => Say($"{who} aborted the recovery. {style.Code(a.Identifier)} will be deleted."),
            DrillYielded y => Say($"{who} needs {style.Code(r.Database)} for recovery {style.Code(y.RecoveryId)}: the drill is aborted, a real incident comes first. {style.Code(y.Identifier)} will be deleted."),
            Retried t => Say($"{who} retried: back to {t.Into}."),
            Decommissioned d => Say($"{who} decommissioned the replaced database {style.Code(d.Identifier)}; deleting it."),
            DecommissionDue due => Say(DecommissionReminder(due, r.Id)),
            TimedOut when entry.To == RecoveryState.RollingBack => Say($"Timed out — {Trouble(entry.Event)}. Rolling back."),
            _ when entry.To == RecoveryState.Failed && entry.From != RecoveryState.Failed =>
                Say($"{style.Mark(Tone.Failed)}{style.Person(r.Initiator)} the recovery failed while {entry.From}: {Trouble(entry.Event)}"),
            Deleted d => Say($"Deleted {style.Code(d.Identifier)}."),
            DeleteFailed f => Say($"{style.Mark(Tone.Warning)}Could not delete {style.Code(f.Identifier)} — {style.Said(f.Reason)}; next try {TimeFormat.Utc(f.RetryAt)}. Delete it by hand if it should go now."),
            DeleteRefused f => Say($"{style.Mark(Tone.Warning)}Could not delete {style.Code(f.Identifier)} — {style.Said(f.Reason)}. The bot will not try again: delete it by hand once nobody needs it."),
            _ => null,
        };
    }

    private string Available(RestoreAvailable a) =>
        $"{style.Code(a.Identifier)} is available at {style.Code(a.Endpoint.ToString())} after {TimeFormat.Duration(a.Took)} by {ReportWording.Method(a.Method)}" +
        (a.PausedAtTarget ? "; paused at the target, read-only: the cutover promotes it" : "") + ". Running validation checks…";

    private string DecommissionReminder(DecommissionDue due, string recoveryId) =>
        $"{style.Person(due.Initiator)}: the replaced database {style.Code(due.Identifier)} has been kept {TimeFormat.Duration(due.Retention)} for the post-mortem. " +
        (due.BotMayDelete
            ? $"When it is no longer needed, someone other than you decommissions it: {style.Command($"decommission {recoveryId}")} (it is deleted and cannot be brought back)."
            : $"It stays until a person deletes it by hand (the bot never deletes a database it did not create); {style.Command($"audit {recoveryId}")} keeps the record.");

    /// <summary>What became of a message's buttons once the recovery moved on: who pressed which, and when.</summary>
    public string Closed(AuditEntry closedBy) =>
        IsPersonEvent(closedBy.Event)
            ? LastAction(new ActionTaken(ActionOf(closedBy.Event), closedBy.Actor, closedBy.At))
            : $"{Verb(closedBy.To)} by {style.Person(closedBy.Actor)} at {TimeFormat.Utc(closedBy.At)}";

    /// <summary>A target as the person gave it: typed in UTC, exactly as typed; with another offset, the exact UTC instant and what was typed.</summary>
    public string Target(RecoveryTarget target)
    {
        if (target.AsTyped.EndsWith('Z') || target.AsTyped.EndsWith('z'))
        {
            return style.Said(target.AsTyped);
        }

        var exact = TimeFormat.Exact(target.Instant);
        return DateTimeOffset.TryParse(target.AsTyped, System.Globalization.CultureInfo.InvariantCulture, out var typed) && typed.Offset != TimeSpan.Zero
            ? $"{exact} (typed {style.Said(target.AsTyped)})"
            : exact;
    }

    public string LastAction(ActionTaken last) => $"{Verb(last.Action)} by {style.Person(last.By)} at {TimeFormat.Utc(last.At)}";

    /// <summary>What keeps the recovery from going on by itself, in a line.</summary>
    public string Trouble(RecoveryEvent trouble) => trouble switch
    {
        RestoreFailed f => $"the engine reports restore {style.Code(f.Identifier)} failed: {style.Said(f.EngineDetail ?? "no detail given")}",
        StepFailed f => style.Said(f.Reason),
        DatabaseUnconfigured d => $"database {style.Code(d.Database)} is no longer configured",
        TimedOut { Phase: RecoveryPhase.Restore } t => $"the restore did not become available within {TimeFormat.Duration(t.Limit)}",
        TimedOut t => $"{PhaseName(t.Phase)} did not finish within {TimeFormat.Duration(t.Limit)}",
        RolloutFailed f => "rollout failed: " + string.Join("; ", f.Report.Workloads.Where(w => !w.Succeeded).Select(w => style.Said($"{w.Name}: {w.Detail}"))),
        HealthFailed h => "unhealthy: " + string.Join("; ", h.Report.Checks.Where(c => !c.Healthy).Select(c => style.Said($"{c.Name} = {c.Observed} (threshold {c.Threshold})"))),
        ValidationCompleted v => $"{v.Report.Checks.Count(c => !c.Passed)} of {v.Report.Checks.Count} validation checks failed",
        RollbackRequested q => q.Reason is { } reason ? $"rollback requested: {style.Said(reason)}" : "rollback requested",
        NotProtected p => "the new production is not recoverable yet: " + string.Join("; ", p.Report.Items.Where(x => !x.Passed).Select(x => $"{x.Name}: {x.Observed}" + (x.Fix is { } fix ? $" ({fix})" : ""))),
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
               $"• Restore to {style.Bold(Target(plan.Target))} into a NEW database {style.Code(plan.Identifier)}\n" +
               (plan.MarkerProof ? "• Marker proof: the target is the commit of a marker row just written on the source; validation checks that it is in the restore and that a second marker, written after it, is not\n" : "") +
               (plan.AbortedDrill is { } drill ? $"• Drill {style.Code(drill)} was aborted to free {style.Code(r.Database)} (an incident comes first); its restore is being deleted\n" : "") +
               $"• Restorable window: {plan.Window}\n" +
               SettingsWording.Planned(plan.ExpectedDifferences, style) +
               $"• {DataLoss(plan)}\n" +
               $"• {cutover}\n" +
               (plan.Warning is { } moved ? $"{style.Mark(Tone.Warning)}{reports.Production(moved, r.Database)}\n" : "") +
               "Confirm to start.";
    }

    private static string DataLoss(Planned plan) => plan.IncidentAt is { } incident
        ? $"Data written between the target and the incident ({TimeFormat.Exact(incident)}) is given up: {TimeFormat.Duration(incident - plan.Target.Instant)}"
        : "Incident time unknown: data written after the target is not in the restore (give the incident time to know how much)";

    /// <summary>The final report, with the initiator mentioned: the recovery needs them to read it.</summary>
    private string Finished(RecoverySnapshot r, RecoveryView view) =>
        $"{style.Person(r.Initiator)} " + reports.Report(RecoveryReport.From(r, view.Trail, view.Now));

    private static string RejectHint(RecoverySnapshot r) => r.CurrentAttempt.PausedAtTarget
        ? "for another time (a later one replays this server on without a new copy; an earlier one restores anew)"
        : "to restore to an earlier time";

    private string ValidationSummary(RecoverySnapshot r, ValidationCompleted v)
    {
        var passed = v.Report.Checks.Count(c => c.Passed);
        var asked = (approvers ?? Approvers.Unknown).Mention(style, r.Initiator);
        var next = r.IsDrill
            ? $"{style.Person(r.Initiator)} Approve to finish the drill (the restored database is then deleted), or Reject {RejectHint(r)}."
            : v.Report.Passed
                ? $"{(asked.Length > 0 ? asked + " " : "")}Approve the cutover (someone other than {style.Person(r.Initiator)}), or Reject {RejectHint(r)}."
                : $"{style.Person(r.Initiator)} Cutover is blocked until every check passes: Reject {RejectHint(r)}, or Abort.";
        return $"Validation of {style.Code(v.Identifier)} (target {TimeFormat.Exact(v.Target)}): {passed}/{v.Report.Checks.Count} checks passed.{SettingsWording.Sentences(v.Report, style)} {next}";
    }

    private static string Dashboard(HealthReport health) => health.Dashboard is { } link ? $" Dashboard: {link}" : "";

    private static bool IsPersonEvent(RecoveryEvent happened) =>
        happened is Confirmed or Cancelled or Approved or Rejected or Aborted or DrillYielded or Retried or RollbackRequested or Decommissioned;

    private static RecoveryTrigger ActionOf(RecoveryEvent happened) => happened switch
    {
        Confirmed => RecoveryTrigger.Confirm,
        Cancelled => RecoveryTrigger.Cancel,
        Approved => RecoveryTrigger.Approve,
        Rejected => RecoveryTrigger.Reject,
        Aborted or DrillYielded => RecoveryTrigger.Abort,
        Retried => RecoveryTrigger.Retry,
        RollbackRequested => RecoveryTrigger.Rollback,
        _ => RecoveryTrigger.Decommission,
    };

    private static string Verb(RecoveryState reached) => reached switch
    {
        RecoveryState.CuttingOver or RecoveryState.Completed => "Approved",
        RecoveryState.Restoring => "Confirmed",
        RecoveryState.Aborted => "Aborted",
        RecoveryState.RollingBack => "Rolled back",
        _ => $"Moved on to {reached}",
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
