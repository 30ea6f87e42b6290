using System.Security.Cryptography;
using Pitr.Adapters.Storage;
using Prometheus;

namespace Pitr.Bot.Slack;

/// <summary>
/// Slack delivers again what it thinks was lost (<c>X-Slack-Retry-Num</c>, Socket Mode envelopes re-sent after a
/// reconnect), and a captured signed request can be replayed within its five minutes. Every delivery carries the
/// same body (a trigger id and timestamps Slack makes once per action), so the body's hash is the request's key:
/// the first delivery acts, the others are acknowledged and do nothing.
/// </summary>
internal sealed partial class SlackRepeats(IRequestLedger ledger, TimeProvider clock, ILogger<SlackRepeats> logger)
{
    private static readonly Counter Repeats = Metrics.CreateCounter(
        "pitr_slack_requests_repeated_total", "Slack requests delivered again (retries, replays) and acknowledged without acting.");

    /// <returns>True when this body was already acted on within the ledger's memory.</returns>
    public async Task<bool> IsRepeatAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var key = "slack:" + Convert.ToHexStringLower(SHA256.HashData(body.Span));
        if (await ledger.TryRecordAsync(key, clock.GetUtcNow(), cancellationToken))
        {
            return false;
        }

        Repeats.Inc();
        LogRepeat(key[..18]);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack request {Key} was already acted on; acknowledged without acting again")]
    private partial void LogRepeat(string key);
}
