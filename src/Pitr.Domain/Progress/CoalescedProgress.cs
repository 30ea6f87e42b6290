using Pitr.Domain.Ports;
using Pitr.Domain.Announcements;

namespace Pitr.Domain.Progress;

/// <summary>Turns a stream of per-workload progress into at most one thread message per interval, so a 20-deployment rollout does not flood the thread.</summary>
internal sealed class CoalescedProgress(RecoveryAnnouncer announcer, string recoveryId, TimeProvider clock, TimeSpan every)
    : IProgress<WorkloadProgress>
{
    private readonly Lock gate = new();
    private readonly SortedDictionary<string, string> latest = new(StringComparer.Ordinal);
    private DateTimeOffset lastPost = clock.GetUtcNow();

    public void Report(WorkloadProgress value)
    {
        Dictionary<string, string> snapshot;
        lock (gate)
        {
            latest[value.Workload] = value.Status;
            var now = clock.GetUtcNow();
            if (now - lastPost < every)
            {
                return;
            }

            lastPost = now;
            snapshot = new Dictionary<string, string>(latest, StringComparer.Ordinal);
        }

        // Best effort: the rollout must not wait for chat.
        _ = announcer.ProgressAsync(recoveryId, snapshot, CancellationToken.None).AsTask();
    }
}
