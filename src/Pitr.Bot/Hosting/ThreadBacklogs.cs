using System.Collections.Concurrent;
using Pitr.Domain.Announcements;
using Prometheus;

namespace Pitr.Bot.Hosting;

/// <summary>
/// What this replica's dispatcher has left untold, per recovery whose thread it holds: the source of
/// <c>pitr_thread_pending_announcements</c>, <c>pitr_thread_oldest_pending_seconds</c> and of the readiness check.
/// </summary>
internal sealed class ThreadBacklogs
{
    private static readonly Gauge Pending = Metrics.CreateGauge(
        "pitr_thread_pending_announcements", "Audit entries (and final header edits) not yet told in their recovery's thread by this replica.");

    private static readonly Gauge OldestAge = Metrics.CreateGauge(
        "pitr_thread_oldest_pending_seconds", "How long the oldest announcement not yet told has waited, in seconds (0 when none).");

    private readonly ConcurrentDictionary<string, ThreadBacklog> backlogs = new();
    private readonly TimeProvider clock;

    public ThreadBacklogs(TimeProvider clock)
    {
        this.clock = clock;
        Metrics.DefaultRegistry.AddBeforeCollectCallback(() =>
        {
            Pending.Set(PendingCount);
            OldestAge.Set(OldestPendingAge.TotalSeconds);
        });
    }

    public int PendingCount => backlogs.Values.Sum(b => b.Pending);

    public TimeSpan OldestPendingAge =>
        backlogs.Values.Select(b => b.OldestPendingAt).Min() is { } oldest && clock.GetUtcNow() > oldest ? clock.GetUtcNow() - oldest : TimeSpan.Zero;

    /// <summary>Records what a delivery left; a thread another replica holds is that replica's to report.</summary>
    public void Record(string recoveryId, ThreadBacklog backlog)
    {
        if (backlog.Claimed && backlog.Pending > 0)
        {
            backlogs[recoveryId] = backlog;
        }
        else
        {
            backlogs.TryRemove(recoveryId, out _);
        }
    }
}
