using Pitr.Domain;
using Pitr.Domain.Recoveries;

namespace Pitr.Adapters.Presentation.Charts;

/// <summary>
/// What the timeline chart shows, apart from pixels: each phase as a bar from where the previous one ended,
/// against the RTO budget. Kept separate from the drawing so it can be checked exactly.
/// </summary>
public sealed record TimelineData(string Title, IReadOnlyList<TimelineBar> Bars, double BudgetSeconds, double TotalSeconds)
{
    public static TimelineData From(RecoveryReport report)
    {
        var bars = new List<TimelineBar>();
        var at = 0.0;
        foreach (var phase in report.Phases)
        {
            var seconds = Math.Round(phase.Duration.TotalSeconds, 3);
            bars.Add(new TimelineBar(ReportWording.Phase(phase), Math.Round(at, 3), Math.Round(at + seconds, 3), phase.Skipped));
            at += seconds;
        }

        var title = $"{(report.Drill ? "Drill" : "Recovery")} {report.RecoveryId} of {report.Database}: {report.Outcome}, RTO {TimeFormat.Duration(report.Rto)} of {TimeFormat.Duration(RecoveryReport.RtoBudget)}";
        return new TimelineData(title, bars, RecoveryReport.RtoBudget.TotalSeconds, Math.Round(report.Rto.TotalSeconds, 3));
    }
}

/// <param name="Label">The phase and its duration, as the report words it.</param>
/// <param name="Skipped">Nothing was configured for the phase; drawn greyed.</param>
public sealed record TimelineBar(string Label, double StartSeconds, double EndSeconds, bool Skipped);
