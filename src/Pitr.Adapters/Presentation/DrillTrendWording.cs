using Pitr.Domain;
using Pitr.Domain.Recoveries;
using Pitr.Domain.Recoveries.Trend;

namespace Pitr.Adapters.Presentation;

/// <summary>The drill trend in words: per database, the RTO percentiles, the days since a drill passed, and each drill on a line.</summary>
public sealed class DrillTrendWording(TextStyle style)
{
    public string Trend(DrillTrendAnswer answer) => answer.Databases.All(d => d.Drills.Count == 0)
        ? $"No drill has ended yet. {style.Command("drill")} runs one."
        : string.Join("\n\n", answer.Databases.Select(Database));

    public string Database(DrillTrend trend)
    {
        if (trend.Drills.Count == 0)
        {
            return $"{style.Bold(trend.Database)}: no drill has ended yet. {style.Command($"drill {trend.Database}")} runs one.";
        }

        var lastPass = trend.LastPassAt is { } at
            ? $"last pass {trend.DaysSinceLastPass} day{(trend.DaysSinceLastPass == 1 ? "" : "s")} ago ({TimeFormat.Utc(at)})"
            : $"{style.Mark(Tone.Failed)}no drill passed";
        var header = $"{style.Bold(trend.Database)}: {trend.Drills.Count} drill{(trend.Drills.Count == 1 ? "" : "s")}, RTO p50 {Duration(trend.RtoP50)}, p90 {Duration(trend.RtoP90)} " +
            $"(budget {TimeFormat.Duration(RecoveryReport.RtoBudget)}); {lastPass}";
        return header + "\n" + string.Join('\n', trend.Drills.Select(Line));
    }

    public string Line(DrillRun drill) =>
        $"• {TimeFormat.Utc(drill.StartedAt)} {style.Mark(drill.Passed ? Tone.Done : Tone.Failed)}{(drill.Passed ? "pass" : "FAIL")} " +
        $"RTO {TimeFormat.Duration(drill.Rto)}{(drill.Rto > RecoveryReport.RtoBudget ? " (over budget)" : "")}: {string.Join(", ", drill.Phases.Select(ReportWording.Phase))}; " +
        $"lag {TimeFormat.Duration(drill.Lag)}{(drill.DataLoss is { } lost ? $", data-loss window {TimeFormat.Duration(lost)}" : "")}; " +
        $"by {style.Person(drill.StartedBy)} {style.Code(drill.RecoveryId)}";

    private static string Duration(TimeSpan? duration) => duration is { } d ? TimeFormat.Duration(d) : "-";
}
