using Pitr.Domain;
using Pitr.Domain.Readiness;
using Pitr.Domain.Recoveries;
using Pitr.Domain.Recoveries.Events;
using Pitr.Domain.Recoveries.Suggest;
using Pitr.Domain.Recoveries.Window;

namespace Pitr.Adapters.Presentation;

/// <summary>Reports, status lines, audit lines, readiness and the restorable window, in one wording for every channel.</summary>
public sealed class ReportWording(TextStyle style)
{
    /// <summary>The report in a few lines: outcome, target, data lost, RTO against the budget by phase, what was checked, who approved; the rest is in the audit trail.</summary>
    public string Report(RecoveryReport report)
    {
        var title = (report.Drill ? "Drill" : "Recovery") + (report.FinishedAt is null ? " so far" : " report");
        var lines = new List<string>
        {
            $"{style.Bold(title)} — {style.Code(report.Database)}: {report.Outcome}",
            $"• Target {TimeFormat.Exact(report.Target)} · {DataLoss(report)}",
            $"• RTO {style.Bold(TimeFormat.Duration(report.Rto))} of the {TimeFormat.Duration(RecoveryReport.RtoBudget)} budget{(report.Rto > RecoveryReport.RtoBudget ? " (over budget)" : "")}: {Phases(report)}",
            $"• {Validated(report)}",
        };
        if (report.Restores.Count > 1)
        {
            lines.Add($"• Restores: {string.Join("; ", report.Restores.Select(Restore))}");
        }

        if (report.People.LastOrDefault(e => e.Event is Approved) is { } approval)
        {
            lines.Add($"• Approved by {style.Person(approval.Actor)} at {TimeFormat.Utc(approval.At)}");
        }

        if (report.Protection is { Items.Count: > 0 } protection)
        {
            lines.Add($"• New production recoverable: {string.Join(", ", protection.Items.Select(i => $"{i.Name} {(i.Passed ? "✓" : "✗")}"))}");
        }

        if (report.Protection?.Readiness is { } readiness)
        {
            var open = readiness.Items.Where(i => !i.Passed).Select(i => $"{i.Name} ({i.Observed})").ToList();
            lines.Add($"• Readiness of the new production (pitr check): {readiness.Items.Count - open.Count}/{readiness.Items.Count} passed" +
                (open.Count == 0 ? "" : $"; not yet: {string.Join(", ", open)}"));
        }

        if (report.Dashboard is { } dashboard)
        {
            lines.Add($"• Dashboard: {dashboard}");
        }

        var refusals = report.People.Count(e => e.Event is Refused or NotAdmitted);
        lines.Add($"• {(refusals == 0 ? "No refusals" : refusals == 1 ? "1 refused request" : $"{refusals} refused requests")}; every step: {style.Command($"audit {report.RecoveryId}")}");
        return string.Join('\n', lines);
    }

    /// <summary>A phase as the report names it, marked when nothing was configured for it.</summary>
    public static string Phase(PhaseDuration phase) =>
        phase.Skipped ? $"{phase.Phase.ToString().ToLowerInvariant()} skipped ({SkipReason(phase.Phase)})" : $"{phase.Phase.ToString().ToLowerInvariant()} {TimeFormat.Duration(phase.Duration)}";

    private static string SkipReason(RecoveryPhase phase) =>
        phase == RecoveryPhase.Rollout ? "no workloads configured" : "no health probe configured";

    /// <summary>How a re-target reached its time: a new restore (copy and replay) or the paused server replayed on.</summary>
    public static string Method(RestoreMethod method) => method == RestoreMethod.ContinuedReplay
        ? "continued replay (no new copy)"
        : "new restore";

    private static string Restore(RestoreSummary r) =>
        $"attempt {r.Attempt} to {TimeFormat.Exact(r.Target)} by {Method(r.Method)}" +
        (r.Took is { } took ? $" in {TimeFormat.Duration(took)}" : "") +
        (r.Outcome == AttemptOutcome.Rejected ? " (rejected)" : "");

    private static string Phases(RecoveryReport report) => string.Join(", ", report.Phases.Select(Phase));

    private static string DataLoss(RecoveryReport report) => report is { DataLoss: { } lost, IncidentAt: { } incident }
        ? $"data-loss window {TimeFormat.Duration(lost)} (incident {TimeFormat.Exact(incident)})"
        : "data-loss window unknown (incident time unknown)";

    private string Validated(RecoveryReport report) =>
        (report.Checks.Count == 0 ? "No validation checks ran" : $"Validated: {report.Checks.Count(c => c.Passed)}/{report.Checks.Count} checks passed") +
        (report.RestoredEndpoint is { } endpoint ? $" on {style.Code(endpoint.ToString())}" : "") +
        SettingsWording.Short(report.SettingsDiff) +
        (report.Attempts > 1 ? $" (attempt {report.Attempts})" : "");

    /// <summary>One recovery in one compact message: the report so far, and what holds it up.</summary>
    public string Status(RecoverySnapshot recovery, RecoveryReport report) =>
        Report(report) + (recovery.Trouble is { } trouble ? $"\n{style.Mark(Tone.Warning)}{new RecoveryNarrative(style).Trouble(trouble)}" : "");

    /// <summary>One audit entry in a line: when, who, what.</summary>
    public string Audit(AuditEntry entry) =>
        $"{TimeFormat.Utc(entry.At)} {style.Person(entry.Actor)} {style.Bold(What(entry.Event))} {entry.From} → {entry.To}" + (Detail(entry.Event) is { } detail ? $" — {detail}" : "");

    /// <summary>A recovery in a line, for lists.</summary>
    public string Line(RecoverySnapshot r) =>
        $"• {style.Code(r.Id)} {(r.IsDrill ? "drill" : "recovery")} of {style.Code(r.Database)} — {style.Bold(r.State.ToString())}, target {TimeFormat.Exact(r.CurrentAttempt.Target)}, " +
        $"attempt {r.CurrentAttempt.Number}, started by {style.Person(r.Initiator)} at {TimeFormat.Utc(r.RequestedAt)}" +
        (r.Trouble is { } trouble ? $" — {new RecoveryNarrative(style).Trouble(trouble)}" : "");

    /// <summary>What the history shows, newest first, and the one instant that undoes all of it.</summary>
    public string RecoveryPoints(RecoveryPoints points)
    {
        if (points.Proposed is not { } proposed)
        {
            return $"No destructive change in the recent history of {style.Code(points.Database)}. Give the time yourself: {style.Command($"start {RecoveryTarget.Example} {points.Database}")}.";
        }

        var lines = new List<string> { $"No time given. The history of {style.Code(points.Database)} shows, newest first:" };
        lines.AddRange(points.NewestFirst.Select(s =>
            $"• {TimeFormat.Exact(s.CommittedAt)} {s.What}{(s.By is { } by ? $" ({by})" : "")} → {style.Command($"start {TimeFormat.Exact(s.Target)} {points.Database}")}"));
        lines.Add(points.NewestFirst.Count == 1
            ? $"Proposed: {style.Bold(TimeFormat.Exact(proposed.Target))}, just before it."
            : $"Proposed: {style.Bold(TimeFormat.Exact(proposed.Target))}, just before the earliest ({proposed.What}): restoring there undoes every change listed; a later line loses less data if the earlier changes were intended.");
        return string.Join('\n', lines);
    }

    public string Window(WindowAnswer answer) =>
        $"{style.Code(answer.Database)} (source {style.Code(answer.Source?.Identifier ?? "unknown")}) can be restored to any second from {style.Bold(TimeFormat.Utc(answer.Window!.Earliest))} to {style.Bold(TimeFormat.Utc(answer.Window.Latest))}" +
        (answer.Source is { } source ? $"; backups are kept {source.BackupRetentionDays} days." : ".") +
        (answer.Production is { } moved ? "\n" + Production(moved, answer.Database) : "");

    /// <summary>Where production runs after a cutover, and the lineage recoveries follow.</summary>
    public string Production(ProductionMoved moved, string database) =>
        $"Production of {style.Code(database)} runs on {style.Code(moved.RunsOn)} since {TimeFormat.Utc(moved.Since)} (recovery {style.Code(moved.CutoverRecoveryId)}): " +
        $"lineage {style.Code(moved.ConfiguredSource)} → {style.Code(moved.RunsOn)}; recoveries restore from {style.Code(moved.RunsOn)}.";

    public string Readiness(ReadinessReport report)
    {
        var lines = new List<string>
        {
            report.Ready
                ? $"{style.Mark(Tone.Done)}{style.Code(report.Database)} is ready for a recovery."
                : $"{style.Mark(Tone.Warning)}{style.Code(report.Database)} is {style.Bold("not")} ready for a recovery.",
        };
        foreach (var item in report.Items)
        {
            lines.Add($"• {style.Mark(item.Passed ? Tone.Done : Tone.Failed)}{style.Bold(item.Name)}: {item.Observed} (expected {item.Expected})");
            if (item.Fix is { } fix)
            {
                lines.Add($"    Fix: {fix}");
            }
        }

        return string.Join('\n', lines);
    }

    private static string What(RecoveryEvent happened) => happened switch
    {
        LegacyEntry legacy => legacy.Action,
        _ => happened.GetType().Name,
    };

    private string? Detail(RecoveryEvent happened) => happened switch
    {
        LegacyEntry legacy => legacy.Detail,
        Planned p => $"{(p.Mode == RecoveryMode.Drill ? "drill" : "recovery")} to {TimeFormat.Exact(p.Target.Instant)} (typed {style.Said(p.Target.AsTyped)})",
        Confirmed c => $"restore {c.Identifier} to {TimeFormat.Exact(c.Target)}",
        Approved a => a.Drill ? "drill finished" : $"cut over to {a.Identifier}",
        Rejected j => $"attempt {j.RejectedAttempt} at {TimeFormat.Exact(j.RejectedTarget)} rejected; {Method(j.Method)} to {TimeFormat.Exact(j.NewTarget.Instant)} (typed {style.Said(j.NewTarget.AsTyped)})",
        Aborted a => $"{a.Identifier} to be deleted",
        DrillYielded y => $"drill aborted for recovery {y.RecoveryId}; {y.Identifier} to be deleted",
        Retried t => $"retry {t.Into}",
        RollbackRequested q => q.Reason is { } reason ? style.Said(reason) : null,
        Decommissioned d => $"delete {d.Identifier}",
        DecommissionDue d => $"retention of {d.Identifier} ended; {(d.BotMayDelete ? "awaiting decommission by a second person" : "to be deleted by hand")}",
        Refused f => new AnswerWording(style).Why(f.Why),
        NotAdmitted n => $"{n.Request}: {n.Reason}",
        RestoreRequested q => $"restore of {q.Identifier} to {TimeFormat.Exact(q.Target)} requested",
        RestoreAvailable a => $"{a.Identifier} available at {a.Endpoint} after {TimeFormat.Duration(a.Took)} by {Method(a.Method)}{(a.PausedAtTarget ? ", paused at the target" : "")}",
        ValidationCompleted v => $"{v.Report.Checks.Count(c => c.Passed)}/{v.Report.Checks.Count} checks passed{SettingsWording.Short(v.Report.SettingsDiff)}",
        SecretUpdated s => $"secret version {s.Change.NewVersion} current; {s.Change.PreviousVersion} kept",
        RolloutCompleted o => $"{o.Report.Workloads.Count} workloads rolled out",
        RollbackCompleted b => $"secret reverted to {b.Reverted?.PreviousVersion}; {b.Report.Workloads.Count} workloads restarted",
        Deleted d => $"{d.Identifier} deleted",
        DeleteFailed f => $"{f.Identifier} not deleted: {f.Reason}; next try {TimeFormat.Utc(f.RetryAt)}",
        DeleteRefused f => $"{f.Identifier} not deleted: {f.Reason}; not tried again",
        RestoreFailed or StepFailed or DatabaseUnconfigured or TimedOut or RolloutFailed or HealthFailed => new RecoveryNarrative(style).Trouble(happened),
        _ => null,
    };
}
