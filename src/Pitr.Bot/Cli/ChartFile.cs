using Pitr.Adapters.Presentation.Charts;
using Pitr.Adapters.Slack;
using Pitr.Domain.Recoveries;

namespace Pitr.Bot.Cli;

/// <summary>The timeline chart the Slack thread shows, written as a PNG in the working directory next to the CLI's output.</summary>
internal static class ChartFile
{
    /// <returns>The full path of the PNG written.</returns>
    public static string Write(RecoveryReport report)
    {
        var path = Path.GetFullPath(ReportCharts.FileName(report));
        File.WriteAllBytes(path, TimelineChart.Png(TimelineData.From(report)));
        return path;
    }
}
