using Microsoft.Extensions.Logging;
using Pitr.Adapters.Presentation.Charts;
using Pitr.Adapters.Slack.Api;
using Pitr.Domain.Recoveries.Trend;

namespace Pitr.Adapters.Slack;

/// <summary>
/// Posts a database's drill trend chart into the channel <c>/pitr drills</c> was typed in, with its summary as the comment.
/// Best effort: the summary has already been answered, so a failed upload is logged and reported, nothing more.
/// </summary>
public sealed partial class DrillTrendCharts(SlackFileUpload files, ILogger<DrillTrendCharts> logger)
{
    /// <returns>Whether the chart was shared.</returns>
    public async Task<bool> PostAsync(string channel, DrillTrend trend, string summary, CancellationToken cancellationToken)
    {
        try
        {
            await files.UploadAsync(channel, null, FileName(trend.Database), $"Drill trend of {trend.Database}",
                DrillTrendChart.Png(DrillTrendData.From(trend)), cancellationToken, summary);
            return true;
        }
        catch (SlackApiException e)
        {
            LogUploadFailed(trend.Database, e.Method, e.Error);
            return false;
        }
    }

    public static string FileName(string database) => $"pitr-drills-{database}.png";

    [LoggerMessage(Level = LogLevel.Warning, Message = "The drill trend chart of {Database} was not shared ({Method}: {Error})")]
    private partial void LogUploadFailed(string database, string method, string error);
}
