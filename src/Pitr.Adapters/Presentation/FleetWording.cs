using Pitr.Domain;
using Pitr.Domain.Drills.Fleet;
using Pitr.Domain.Recoveries;

namespace Pitr.Adapters.Presentation;

/// <summary>The summary of a drill of every database: one line each, with RTO, phases, pass or fail and the recovery point lag.</summary>
public sealed class FleetWording(TextStyle style, AnswerWording answers)
{
    public string Summary(FleetSummary fleet)
    {
        var passed = fleet.Drills.Count(d => d.Passed);
        var title = $"{style.Mark(fleet.AllPassed ? Tone.Done : Tone.Failed)}{style.Bold("Fleet drill")}: {passed}/{fleet.Drills.Count} databases passed " +
                    $"(RTO budget {TimeFormat.Duration(RecoveryReport.RtoBudget)})";
        return string.Join('\n', fleet.Drills.Select(Line).Prepend(title));
    }

    private string Line(FleetDrill drill) => drill.Report is { } report
        ? $"• {style.Code(drill.Database)} {style.Mark(drill.Passed ? Tone.Done : Tone.Failed)}{Verdict(drill, report)} · " +
          $"RTO {style.Bold(TimeFormat.Duration(report.Rto))}{(report.Rto > RecoveryReport.RtoBudget ? " (over budget)" : "")} " +
          $"({string.Join(", ", report.Phases.Select(ReportWording.Phase))}) · lag {TimeFormat.Duration(drill.Lag ?? TimeSpan.Zero)} · drill {style.Code(report.RecoveryId)}"
        : $"• {style.Code(drill.Database)} {style.Mark(Tone.Refused)}{answers.Why(drill.Why!)}";

    private static string Verdict(FleetDrill drill, RecoveryReport report) =>
        drill.Passed ? "passed"
        : report.Outcome != RecoveryState.Completed ? $"failed ({report.Outcome})"
        : $"failed ({report.Checks.Count(c => c.Passed)}/{report.Checks.Count} checks passed)";
}
