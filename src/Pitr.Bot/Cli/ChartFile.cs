using Pitr.Adapters.Presentation.Charts;
using Pitr.Adapters.Slack;
using Pitr.Domain.Recoveries;
using Pitr.Domain.Recoveries.Trend;

namespace Pitr.Bot.Cli;

/// <summary>The charts Slack shows (a recovery's timeline, a database's drill trend), written as PNGs in the working directory next to the CLI's output.</summary>
internal static class ChartFile
{
    /// <returns>The full path of the PNG written.</returns>
    public static string Write(RecoveryReport report)
    {
        var path = Path.GetFullPath(ReportCharts.FileName(report));
        File.WriteAllBytes(path, TimelineChart.Png(TimelineData.From(report)));
        return path;
    }

    /// <summary>The drill trend chart of one database, as <c>/pitr drills</c> posts it.</summary>
    /// <returns>The full path of the PNG written.</returns>
    public static string Write(DrillTrend trend)
    {
        var path = Path.GetFullPath(DrillTrendCharts.FileName(trend.Database));
        File.WriteAllBytes(path, DrillTrendChart.Png(DrillTrendData.From(trend)));
        return path;
    }
}
