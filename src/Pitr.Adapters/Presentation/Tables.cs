using Pitr.Domain;
using Pitr.Domain.Ports;

namespace Pitr.Adapters.Presentation;

/// <summary>Check (and settings diff), rollout and health results as table rows.</summary>
internal static class Tables
{
    public static List<TableRow> Validation(ValidationReport report) =>
        [.. report.Checks.Select(c => new TableRow(c.Name, c.Passed, c.Observed, c.Expected)), .. SettingsWording.Rows(report)];

    public static List<TableRow> Rollout(RolloutReport report) =>
        [.. report.Workloads.Select(w => new TableRow(w.Name, w.Succeeded, w.Detail, TimeFormat.Duration(w.Duration)))];

    public static List<TableRow> Health(HealthReport report) =>
        [.. report.Checks.Select(c => new TableRow(c.Name, c.Healthy, c.Observed, c.Threshold))];
}
