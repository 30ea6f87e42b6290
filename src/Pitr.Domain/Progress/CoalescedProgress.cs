using Pitr.Domain.Ports;

namespace Pitr.Domain.Progress;

/// <summary>Turns a stream of per-workload progress into at most one thread message per interval, so a 20-deployment rollout does not flood the thread.</summary>
internal sealed class CoalescedProgress(IIncidentChannel channel, MessageRef? header, string recoveryId, TimeProvider clock, TimeSpan every)
    : IProgress<WorkloadProgress>
{
    private readonly Lock gate = new();
    private readonly SortedDictionary<string, string> latest = new(StringComparer.Ordinal);
    private DateTimeOffset lastPost = clock.GetUtcNow();

    public void Report(WorkloadProgress value)
    {
        string text;
        lock (gate)
        {
            latest[value.Workload] = value.Status;
            var now = clock.GetUtcNow();
            if (header is null || now - lastPost < every)
            {
                return;
            }

            lastPost = now;
            text = "Rollout progress: " + string.Join(", ", latest.Select(w => $"`{w.Key}` {w.Value}"));
        }

        // Delivery is best effort and never throws; the rollout must not wait for chat.
        _ = channel.PostInThreadAsync(header, new ThreadMessage(recoveryId, text), CancellationToken.None).AsTask();
    }
}
