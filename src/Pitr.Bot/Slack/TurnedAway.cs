using Prometheus;

namespace Pitr.Bot.Slack;

/// <summary>
/// Requests from people who may not act at all: anyone in the workspace can send them, so they are counted
/// (<c>pitr_slack_requests_not_admitted_total</c>) and logged at most <see cref="LogsPerWindow"/> times a minute,
/// never written to the append-only audit trail.
/// </summary>
internal sealed partial class TurnedAway(TimeProvider clock, ILogger<TurnedAway> logger)
{
    public const int LogsPerWindow = 20;
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private static readonly Counter NotAdmitted = Metrics.CreateCounter(
        "pitr_slack_requests_not_admitted_total", "Slack requests from people who are not allowed to act, turned away without an audit entry.");

    private readonly Lock gate = new();
    private DateTimeOffset windowStart = DateTimeOffset.MinValue;
    private int logged;
    private int suppressed;

    public void Record(SlackPerson person, string action)
    {
        NotAdmitted.Inc();
        int dropped;
        lock (gate)
        {
            var now = clock.GetUtcNow();
            if (now - windowStart >= Window)
            {
                (windowStart, logged, dropped, suppressed) = (now, 0, suppressed, 0);
            }
            else
            {
                dropped = 0;
            }

            if (logged >= LogsPerWindow)
            {
                suppressed++;
                return;
            }

            logged++;
        }

        if (dropped > 0)
        {
            LogSuppressed(dropped);
        }

        LogNotAdmitted(person.UserId, action);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Turned away {Action} from {UserId}: not allowed to act")]
    private partial void LogNotAdmitted(string userId, string action);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} more requests from people not allowed to act were turned away unlogged in the last minute")]
    private partial void LogSuppressed(int count);
}
