using Microsoft.Extensions.Time.Testing;
using Pitr.Domain.Ports;
using Pitr.Domain.Progress;
using Pitr.Domain.Tests.Fakes;

namespace Pitr.Domain.Tests.Progress;

public sealed class CoalescedProgressTests
{
    [Fact]
    public void Posts_one_summary_of_every_workloads_latest_status_per_interval()
    {
        var clock = new FakeTimeProvider(RecoveryWorld.Now);
        var channel = new RecordingChannel();
        var progress = new CoalescedProgress(channel, new MessageRef("C1", "1"), "r1", clock, TimeSpan.FromSeconds(10));

        progress.Report(new WorkloadProgress("api", "0/2 updated"));
        progress.Report(new WorkloadProgress("worker", "0/3 updated"));
        clock.Advance(TimeSpan.FromSeconds(5));
        progress.Report(new WorkloadProgress("api", "1/2 updated"));
        var beforeInterval = channel.Thread.Count;
        clock.Advance(TimeSpan.FromSeconds(5));
        progress.Report(new WorkloadProgress("worker", "2/3 updated"));
        progress.Report(new WorkloadProgress("api", "2/2 updated"));

        Assert.Equal(0, beforeInterval);
        var posted = Assert.Single(channel.Thread);
        Assert.Equal("Rollout progress: `api` 1/2 updated, `worker` 2/3 updated", posted.Text);
    }
}
