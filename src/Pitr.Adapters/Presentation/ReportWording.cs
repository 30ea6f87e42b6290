using Pitr.Domain;
using Pitr.Domain.Readiness;
using Pitr.Domain.Recoveries;
using Pitr.Domain.Recoveries.Events;
using Pitr.Domain.Recoveries.Window;

namespace Pitr.Adapters.Presentation;

/// <summary>Reports, status lines, audit lines, readiness and the restorable window, in one wording for every channel.</summary>
public sealed class ReportWording(TextStyle style)
{
    public string Report(RecoveryReport report)
    {
        var title = report.Drill ? "Drill report" : "Recovery report";
        var phases = string.Join(", ", report.Phases.Select(p => $"{p.Phase.ToString().ToLowerInvariant()} {TimeFormat.Duration(p.Duration)}"));
        var checks = report.Checks.Count == 0 ? "none" : $"{report.Checks.Count(c => c.Passed)}/{report.Checks.Count} passed";
        return $"{style.Bold(title)} — {style.Code(report.Database)}, {report.Outcome}\n" +
               $"• Target {TimeFormat.Utc(report.Target)}; incident {TimeFormat.Utc(report.IncidentAt)}; data-loss window {TimeFormat.Duration(report.DataLoss)}\n" +
               $"• RTO {TimeFormat.Duration(report.Rto)} from the start command ({phases})\n" +
               $"• Attempts {report.Attempts}; restored endpoint {style.Code(report.RestoredEndpoint?.ToString() ?? "none")}; checks {checks}\n" +
               (report.Dashboard is { } dashboard ? $"• Dashboard: {dashboard}\n" : "") +
               (report.People.Count > 0 ? "• " + string.Join("\n• ", report.People.Select(Audit)) : "");
    }

    /// <summary>One audit entry in a line: when, who, what.</summary>
    public string Audit(AuditEntry entry) =>
        $"{TimeFormat.Utc(entry.At)} {style.Person(entry.Actor)} {style.Bold(What(entry.Event))} {entry.From} → {entry.To}" + (Detail(entry.Event) is { } detail ? $" — {detail}" : "");

    /// <summary>A recovery in a line, for lists.</summary>
    public string Line(RecoverySnapshot r) =>
        $"• {style.Code(r.Id)} {(r.IsDrill ? "drill" : "recovery")} of {style.Code(r.Database)} — {style.Bold(r.State.ToString())}, target {TimeFormat.Utc(r.CurrentAttempt.Target)}, " +
        $"attempt {r.CurrentAttempt.Number}, started by {style.Person(r.Initiator)} at {TimeFormat.Utc(r.RequestedAt)}" +
        (r.Trouble is { } trouble ? $" — {new RecoveryNarrative(style).Trouble(trouble)}" : "");

    public string Window(WindowAnswer answer) =>
        $"{style.Code(answer.Database)} (source {style.Code(answer.Source?.Identifier ?? "unknown")}) can be restored to any second from {style.Bold(TimeFormat.Utc(answer.Window!.Earliest))} to {style.Bold(TimeFormat.Utc(answer.Window.Latest))}" +
        (answer.Source is { } source ? $"; backups are kept {source.BackupRetentionDays} days." : ".");

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
        Planned p => $"{(p.Mode == RecoveryMode.Drill ? "drill" : "recovery")} to {TimeFormat.Utc(p.Target.Instant)} (typed {p.Target.AsTyped})",
        Confirmed c => $"restore {c.Identifier} to {TimeFormat.Utc(c.Target)}",
        Approved a => a.Drill ? "drill finished" : $"cut over to {a.Identifier}",
        Rejected j => $"attempt {j.RejectedAttempt} at {TimeFormat.Utc(j.RejectedTarget)} rejected; restore again to {TimeFormat.Utc(j.NewTarget.Instant)} (typed {j.NewTarget.AsTyped})",
        Aborted a => $"{a.Identifier} to be deleted",
        Retried t => $"retry {t.Into}",
        RollbackRequested q => q.Reason,
        Decommissioned d => $"delete {d.Identifier}",
        Refused f => new AnswerWording(style).Why(f.Why),
        NotAdmitted n => $"{n.Request}: {n.Reason}",
        RestoreRequested q => $"restore of {q.Identifier} to {TimeFormat.Utc(q.Target)} requested",
        RestoreAvailable a => $"{a.Identifier} available at {a.Endpoint}",
        ValidationCompleted v => $"{v.Report.Checks.Count(c => c.Passed)}/{v.Report.Checks.Count} checks passed{SettingsWording.Short(v.Report)}",
        SecretUpdated s => $"secret version {s.Change.NewVersion} current; {s.Change.PreviousVersion} kept",
        RolloutCompleted o => $"{o.Report.Workloads.Count} workloads rolled out",
        RollbackCompleted b => $"secret reverted to {b.Reverted?.PreviousVersion}; {b.Report.Workloads.Count} workloads restarted",
        Deleted d => $"{d.Identifier} deleted",
        DeleteFailed f => $"{f.Identifier} not deleted: {f.Reason}; next try {TimeFormat.Utc(f.RetryAt)}",
        RestoreFailed or StepFailed or DatabaseUnconfigured or TimedOut or RolloutFailed or HealthFailed => new RecoveryNarrative(style).Trouble(happened),
        _ => null,
    };
}
