using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;
using Pitr.Adapters.Slack;
using Pitr.Domain.Ports;

namespace Pitr.Adapters.Tests.Slack;

public sealed class HeaderEditsTests
{
    private static readonly MessageRef Header = new("C1", "1.1");

    private static RecoveryHeader Content(string state) =>
        new("r1", "orders", false, state, DateTimeOffset.UnixEpoch, 1, "@alice", DateTimeOffset.UnixEpoch, TimeSpan.Zero, null, null, []);

    [Fact]
    public async Task Sends_only_the_newest_header_once_the_interval_has_passed()
    {
        var clock = new FakeTimeProvider();
        var sent = new ConcurrentQueue<string>();
        var edits = new HeaderEdits(clock, TimeSpan.FromSeconds(5), (_, h) => { sent.Enqueue(h.State); return Task.CompletedTask; });
        edits.Posted(Header);

        await edits.EditAsync(Header, Content("Restoring"));
        await edits.EditAsync(Header, Content("Validating"));
        await edits.EditAsync(Header, Content("AwaitingApproval"));
        Assert.Empty(sent);

        clock.Advance(TimeSpan.FromSeconds(5));
        await WaitAsync(() => !sent.IsEmpty);
        Assert.Equal(["AwaitingApproval"], sent);

        await edits.EditAsync(Header, Content("CuttingOver"));
        Assert.Single(sent);
        clock.Advance(TimeSpan.FromSeconds(5));
        await WaitAsync(() => sent.Count == 2);
        Assert.Equal(["AwaitingApproval", "CuttingOver"], sent);
    }

    private static async Task WaitAsync(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(10);
        }
    }
}
