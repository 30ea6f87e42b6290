using Pitr.Domain.Ports;

namespace Pitr.Domain.Recoveries;

/// <summary>The words of every thread message and of the header, in one place for every channel.</summary>
public static class RecoveryMessages
{
    public static RecoveryHeader Header(Recovery recovery, DateTimeOffset now)
    {
        var r = recovery.Snapshot;
        var end = r.CompletedAt ?? (RecoveryStates.IsTerminal(r.State) ? r.Phases[^1].EnteredAt : now);
        return new RecoveryHeader(r.Id, r.Database, r.Mode == RecoveryMode.Drill, r.State.ToString(), r.CurrentAttempt.Target,
            r.CurrentAttempt.Number, r.Initiator.ToString(), r.RequestedAt, end - r.RequestedAt, r.LastAction, r.Problem,
            recovery.AvailableActions());
    }

    /// <summary>The thread message for one audit entry, or null when the entry needs none.</summary>
    public static ThreadMessage? For(AuditEntry entry, Recovery recovery, IReadOnlyList<AuditEntry> trail, DateTimeOffset now)
    {
        var r = recovery.Snapshot;
        var attempt = r.CurrentAttempt;
        var actions = recovery.AvailableActions();
        ThreadMessage Say(string text, IReadOnlyList<TableRow>? table = null, bool offerActions = false) =>
            new(r.Id, text, table, offerActions && actions.Count > 0 ? actions : null);

        return entry.Action switch
        {
            "Start" => Say(Plan(r), offerActions: true),
            nameof(RecoveryTrigger.Confirm) => Say($"{entry.Actor} confirmed. Restoring `{attempt.Identifier}` to {TimeFormat.Utc(attempt.Target)}…"),
            nameof(RecoveryTrigger.Cancel) => Say($"{entry.Actor} cancelled the plan. Nothing was restored."),
            "RestoreRequested" => Say($"Restore of `{attempt.Identifier}` requested; polling until it is available."),
            nameof(RecoveryTrigger.RestoreAvailable) => Say($"`{attempt.Identifier}` is available at `{attempt.Endpoint}` after {TimeFormat.Duration(PhaseTime(r, RecoveryState.Restoring, now))}. Running validation checks…"),
            nameof(RecoveryTrigger.ValidationCompleted) => Say(ValidationSummary(r), ValidationTable(attempt.Validation), offerActions: true),
            nameof(RecoveryTrigger.Approve) when r.Mode == RecoveryMode.Drill => Say(Report(RecoveryReport.From(r, trail, now))),
            nameof(RecoveryTrigger.Approve) => Say($"{entry.Actor} approved the cutover. Pointing the connection secret at `{attempt.Endpoint}`…"),
            nameof(RecoveryTrigger.Reject) => Say($"{entry.Actor} rejected attempt {attempt.Number - 1}. Restoring again to {TimeFormat.Utc(attempt.Target)} as `{attempt.Identifier}`; the rejected restore will be deleted."),
            nameof(RecoveryTrigger.SecretUpdated) => Say($"Connection secret now points at `{attempt.Endpoint}` (version {r.SecretChange?.NewVersion}; previous version {r.SecretChange?.PreviousVersion} kept for rollback). Restarting workloads…"),
            nameof(RecoveryTrigger.RolloutCompleted) => Say("Every workload rolled out. Checking health…", RolloutTable(r.Rollout)),
            nameof(RecoveryTrigger.RolloutFailed) => Say($"Rollout failed — {r.Problem}. Rolling back: restoring the previous secret version and restarting again.", RolloutTable(r.Rollout)),
            nameof(RecoveryTrigger.HealthConfirmed) => Say(Report(RecoveryReport.From(r, trail, now))),
            nameof(RecoveryTrigger.HealthFailed) when entry.To == RecoveryState.RollingBack => Say($"Service still unhealthy — {r.Problem}. Rolling back automatically.{Dashboard(r.Health)}", HealthTable(r.Health)),
            nameof(RecoveryTrigger.HealthFailed) => Say($"Service still unhealthy — {r.Problem}. Roll back, or retry the health check.{Dashboard(r.Health)}", HealthTable(r.Health), offerActions: true),
            nameof(RecoveryTrigger.Rollback) => Say($"{entry.Actor} asked for a rollback ({entry.Detail}). Restoring the previous secret version and restarting…"),
            nameof(RecoveryTrigger.RollbackCompleted) => Say($"Rolled back: the secret is at version {r.SecretChange?.PreviousVersion} again and the workloads restarted onto `{r.SecretChange?.PreviousEndpoint}`.", RolloutTable(r.Rollout)),
            nameof(RecoveryTrigger.Abort) => Say($"{entry.Actor} aborted the recovery. `{attempt.Identifier}` will be deleted."),
            nameof(RecoveryTrigger.Retry) => Say($"{entry.Actor} retried: back to {entry.To}."),
            nameof(RecoveryTrigger.Decommission) => Say($"{entry.Actor} decommissioned the replaced database `{r.SourceIdentifier}`; deleting it."),
            nameof(RecoveryTrigger.RestoreFailed) or nameof(RecoveryTrigger.StepFailed) or nameof(RecoveryTrigger.TimedOut) when entry.To == RecoveryState.Failed =>
                Say($":x: Failed while {entry.From}: {r.Problem}", offerActions: true),
            nameof(RecoveryTrigger.TimedOut) => Say($"Timed out — {r.Problem}. Rolling back."),
            "Deleted" => Say($"Deleted `{entry.Detail.Split(' ')[0]}`."),
            "DeleteFailed" => Say($":warning: Could not delete `{entry.Detail.Split(' ')[0]}` —{entry.Detail[(entry.Detail.IndexOf(':', StringComparison.Ordinal) + 1)..]}. Delete it by hand if it should go now."),
            _ => null,
        };
    }

    public static string Plan(RecoverySnapshot r)
    {
        var attempt = r.CurrentAttempt;
        var kind = r.Mode == RecoveryMode.Drill ? "Drill" : "Recovery";
        var cutover = r.Mode == RecoveryMode.Drill
            ? "A drill never touches the application: the restored database is validated, reported on and deleted."
            : "After validation you approve the cutover: the connection secret is pointed at the new database (previous version kept) and the workloads restart.";
        return $"*{kind} plan* for `{r.Database}` (source `{r.SourceIdentifier}`), requested by {r.Initiator}\n" +
               $"• Restore to *{TimeFormat.Utc(attempt.Target)}* into a NEW database `{attempt.Identifier}`\n" +
               $"• Restorable window: {r.Window}\n" +
               $"• Data written after the target is not in the restore: {TimeFormat.Duration(r.IncidentAt - attempt.Target)} before the incident time {TimeFormat.Utc(r.IncidentAt)}\n" +
               $"• {cutover}\n" +
               (r.PlanWarning is { } warning ? $":warning: {warning}\n" : "") +
               "Confirm to start.";
    }

    public static string Report(RecoveryReport report)
    {
        var title = report.Drill ? "Drill report" : "Recovery report";
        var phases = string.Join(", ", report.Phases.Select(p => $"{p.Phase} {TimeFormat.Duration(p.Duration)}"));
        var checks = report.Checks.Count == 0 ? "none" : $"{report.Checks.Count(c => c.Passed)}/{report.Checks.Count} passed";
        return $"*{title}* — `{report.Database}`, {report.Outcome}\n" +
               $"• Target {TimeFormat.Utc(report.Target)}; incident {TimeFormat.Utc(report.IncidentAt)}; data-loss window {TimeFormat.Duration(report.DataLoss)}\n" +
               $"• RTO {TimeFormat.Duration(report.Rto)} from the start command ({phases})\n" +
               $"• Attempts {report.Attempts}; restored endpoint `{report.RestoredEndpoint}`; checks {checks}\n" +
               (report.Dashboard is { } dashboard ? $"• Dashboard: {dashboard}\n" : "") +
               (report.People.Count > 0 ? "• " + string.Join("\n• ", report.People) : "");
    }

    private static string ValidationSummary(RecoverySnapshot r)
    {
        var report = r.CurrentAttempt.Validation;
        var passed = report?.Checks.Count(c => c.Passed) ?? 0;
        var total = report?.Checks.Count ?? 0;
        var next = r.Mode == RecoveryMode.Drill
            ? "Approve to finish the drill (the restored database is then deleted), or Reject to restore to an earlier time."
            : report?.Passed == true
                ? "Approve the cutover (someone other than the initiator), or Reject to restore to an earlier time."
                : "Cutover is blocked until every check passes: Reject to restore to an earlier time, or Abort.";
        return $"Validation of `{r.CurrentAttempt.Identifier}` (target {TimeFormat.Utc(r.CurrentAttempt.Target)}): {passed}/{total} checks passed. {next}";
    }

    private static string Dashboard(HealthReport? health) => health?.Dashboard is { } link ? $" Dashboard: {link}" : "";

    private static TimeSpan PhaseTime(RecoverySnapshot r, RecoveryState state, DateTimeOffset now)
    {
        var entered = r.Phases.LastOrDefault(p => p.State == state)?.EnteredAt ?? now;
        var left = r.Phases.FirstOrDefault(p => p.EnteredAt > entered)?.EnteredAt ?? now;
        return left - entered;
    }

    private static List<TableRow>? ValidationTable(ValidationReport? report) =>
        report?.Checks.Select(c => new TableRow(c.Name, c.Passed, c.Observed, c.Expected)).ToList();

    private static List<TableRow>? RolloutTable(RolloutReport? report) =>
        report?.Workloads.Select(w => new TableRow(w.Name, w.Succeeded, w.Detail, TimeFormat.Duration(w.Duration))).ToList();

    private static List<TableRow>? HealthTable(HealthReport? report) =>
        report?.Checks.Select(c => new TableRow(c.Name, c.Healthy, c.Observed, c.Threshold)).ToList();
}
