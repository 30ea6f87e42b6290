using Microsoft.Extensions.Logging;
using Pitr.Adapters.Presentation.Charts;
using Pitr.Adapters.Slack.Api;
using Pitr.Domain.Ports;
using Pitr.Domain.Recoveries;
using Pitr.Domain.Recoveries.Events;

namespace Pitr.Adapters.Slack;

/// <summary>
/// Puts the timeline chart under a final report in the thread. Best effort: when the upload fails the text
/// report already stands on its own, so the failure is logged and the thread goes on.
/// </summary>
public sealed partial class ReportCharts(SlackFileUpload files, ILogger<ReportCharts> logger)
{
    /// <summary>Whether the message telling <paramref name="entry"/> is a final report, which the chart belongs under.</summary>
    public static bool Follows(AuditEntry entry) => entry.Event is HealthConfirmed or Approved { Drill: true };

    public async Task AttachAsync(MessageRef header, RecoveryView view, CancellationToken cancellationToken)
    {
        var report = RecoveryReport.From(view.Recovery, view.Trail, view.Now);
        try
        {
            await files.UploadAsync(header.Channel, header.Ts, FileName(report), $"Timeline of {report.RecoveryId}", TimelineChart.Png(TimelineData.From(report)), cancellationToken);
        }
        catch (SlackApiException e)
        {
            LogUploadFailed(view.Recovery.Id, e.Method, e.Error);
        }
    }

    public static string FileName(RecoveryReport report) => $"pitr-{report.RecoveryId}-timeline.png";

    [LoggerMessage(Level = LogLevel.Warning, Message = "The timeline chart of recovery {RecoveryId} was not shared ({Method}: {Error}); the text report stands on its own")]
    private partial void LogUploadFailed(string recoveryId, string method, string error);
}
