using Microsoft.Extensions.Time.Testing;
using Pitr.Domain.Announcements;
using Pitr.Domain.Ports;
using Pitr.Domain.Progress;
using Pitr.Domain.Recoveries;
using Pitr.Domain.Tests.Fakes;

namespace Pitr.Domain.Tests.Progress;

public sealed class CoalescedProgressTests
{
    private readonly FakeTimeProvider clock = new(RecoveryWorld.Now);
    private readonly RecordingChannel channel = new();
    private readonly InMemoryThreadLog threads = new();

    [Fact]
    public async Task Posts_one_summary_of_every_workloads_latest_status_per_interval()
    {
        var header = new MessageRef("C1", "1");
        await threads.SaveAsync(new RecoveryThread("r1", channel.Name) { Header = header }, CancellationToken.None);
        var progress = Progress("r1");

        progress.Report(new WorkloadProgress("api", "0/2 updated"));
        progress.Report(new WorkloadProgress("worker", "0/3 updated"));
        clock.Advance(TimeSpan.FromSeconds(5));
        progress.Report(new WorkloadProgress("api", "1/2 updated"));
        var beforeInterval = channel.Progress.Count;
        clock.Advance(TimeSpan.FromSeconds(5));
        progress.Report(new WorkloadProgress("worker", "2/3 updated"));
        progress.Report(new WorkloadProgress("api", "2/2 updated"));

        Assert.Equal(0, beforeInterval);
        var posted = Assert.Single(channel.Progress);
        Assert.Equal((header, "r1"), (posted.Header, posted.RecoveryId));
        Assert.Equal(new Dictionary<string, string> { ["api"] = "1/2 updated", ["worker"] = "2/3 updated" }, posted.Workloads);
    }

    [Fact]
    public void Posts_nothing_when_the_recovery_has_no_header_to_post_under()
    {
        var progress = Progress("r2");

        clock.Advance(TimeSpan.FromSeconds(10));
        progress.Report(new WorkloadProgress("api", "1/2 updated"));

        Assert.Empty(channel.Progress);
    }

    private CoalescedProgress Progress(string recoveryId) =>
        new(new RecoveryAnnouncer(new InMemoryRecoveryStore(), threads, channel, new RecoveryRules(), clock), recoveryId, clock, TimeSpan.FromSeconds(10));
}
