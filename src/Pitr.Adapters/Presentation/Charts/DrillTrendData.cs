using System.Globalization;
using Pitr.Domain;
using Pitr.Domain.Recoveries;
using Pitr.Domain.Recoveries.Trend;

namespace Pitr.Adapters.Presentation.Charts;

/// <summary>
/// What the drill trend chart shows, apart from pixels: one column per drill, oldest on the left, its phases stacked in
/// runbook order, against the RTO budget. Kept apart from the drawing so it can be checked exactly.
/// </summary>
/// <param name="Columns">Each drill's label (when it started, and whether it passed), oldest first.</param>
/// <param name="Series">One per phase any drill spent time in, in runbook order; Seconds[i] belongs to Columns[i].</param>
public sealed record DrillTrendData(string Title, IReadOnlyList<string> Columns, IReadOnlyList<PhaseSeries> Series, double BudgetSeconds)
{
    public static DrillTrendData From(DrillTrend trend)
    {
        var drills = trend.Drills.Reverse().ToList();
        var series = Enum.GetValues<RecoveryPhase>()
            .Select(phase => new PhaseSeries(phase.ToString().ToLowerInvariant(), [.. drills.Select(d => Seconds(d, phase))]))
            .Where(s => s.Seconds.Any(v => v > 0))
            .ToList();
        var columns = drills.Select(d => d.StartedAt.ToUniversalTime().ToString("MM-dd HH:mm", CultureInfo.InvariantCulture) + (d.Passed ? "" : " FAIL")).ToList();
        var title = $"Drills of {trend.Database}: RTO p50 {Duration(trend.RtoP50)}, p90 {Duration(trend.RtoP90)} of {TimeFormat.Duration(RecoveryReport.RtoBudget)}";
        return new DrillTrendData(title, columns, series, RecoveryReport.RtoBudget.TotalSeconds);
    }

    private static double Seconds(DrillRun drill, RecoveryPhase phase) =>
        Math.Round(drill.Phases.Where(p => p.Phase == phase).Sum(p => p.Duration.TotalSeconds), 3);

    private static string Duration(TimeSpan? duration) => duration is { } d ? TimeFormat.Duration(d) : "-";
}

/// <param name="Phase">The phase's name as the report words it.</param>
public sealed record PhaseSeries(string Phase, IReadOnlyList<double> Seconds);
