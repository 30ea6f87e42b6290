using Microsoft.Extensions.Time.Testing;
using Pitr.Adapters.Kubernetes;

namespace Pitr.Adapters.Tests.Kubernetes;

public sealed class CoalescedProgressTests
{
    [Fact]
    public void Passes_on_one_status_per_interval_per_workload_and_always_the_final_one()
    {
        var clock = new FakeTimeProvider();
        var recorded = new RecordingProgress();
        var progress = new CoalescedProgress(recorded, clock, TimeSpan.FromSeconds(15));

        progress.Report("deployment prod/api", "restart requested");
        progress.Report("deployment prod/api", "restart requested");
        progress.Report("deployment prod/api", "1 of 3 new replicas updated");
        progress.Report("deployment prod/worker", "restart requested");
        clock.Advance(TimeSpan.FromSeconds(15));
        progress.Report("deployment prod/api", "2 of 3 new replicas updated");
        progress.Report("deployment prod/api", "rolled out", final: true);

        Assert.Equal(
            ["deployment prod/api: restart requested", "deployment prod/worker: restart requested", "deployment prod/api: 2 of 3 new replicas updated", "deployment prod/api: rolled out"],
            recorded.Reports.Select(r => $"{r.Workload}: {r.Status}"));
    }
}
