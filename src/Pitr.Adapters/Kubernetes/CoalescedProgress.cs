using Pitr.Domain.Ports;

namespace Pitr.Adapters.Kubernetes;

/// <summary>
/// Passes on a workload's status only when it changed and at most once per interval for that
/// workload, so twenty rollouts polled every two seconds do not flood the incident thread.
/// A workload's final status always goes out.
/// </summary>
internal sealed class CoalescedProgress(IProgress<WorkloadProgress>? inner, TimeProvider clock, TimeSpan interval)
{
    private readonly Dictionary<string, (string Status, long At)> sent = [];
    private readonly Lock gate = new();

    public void Report(string workload, string status, bool final = false)
    {
        if (inner is null)
        {
            return;
        }

        lock (gate)
        {
            var now = clock.GetTimestamp();
            if (sent.TryGetValue(workload, out var last)
                && (last.Status == status || (!final && clock.GetElapsedTime(last.At, now) < interval)))
            {
                return;
            }

            sent[workload] = (status, now);
        }

        inner.Report(new WorkloadProgress(workload, status));
    }
}
