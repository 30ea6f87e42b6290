using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;
using Pitr.Adapters.Slack;
using Pitr.Adapters.Tests.Slack.Support;
using Pitr.Domain.Ports;
using Pitr.Domain.Recoveries;

namespace Pitr.Adapters.Tests.Slack;

public sealed class HeaderEditsTests
{
    private static readonly MessageRef Header = new("C1", "1.1");

    private static RecoveryView Content(RecoveryState state) =>
        Views.Of(Views.Recovery("r1", state, DateTimeOffset.UnixEpoch), DateTimeOffset.UnixEpoch);

    [Fact]
    public async Task Sends_only_the_newest_header_once_the_interval_has_passed()
    {
        var clock = new FakeTimeProvider();
        var sent = new ConcurrentQueue<RecoveryState>();
        var edits = new HeaderEdits(clock, TimeSpan.FromSeconds(5), (_, h) => { sent.Enqueue(h.Recovery.State); return Task.CompletedTask; });
        edits.Posted(Header);

        await edits.EditAsync(Header, Content(RecoveryState.Restoring));
        await edits.EditAsync(Header, Content(RecoveryState.Validating));
        await edits.EditAsync(Header, Content(RecoveryState.AwaitingApproval));
        Assert.Empty(sent);

        clock.Advance(TimeSpan.FromSeconds(5));
        await WaitAsync(() => !sent.IsEmpty);
        Assert.Equal([RecoveryState.AwaitingApproval], sent);

        await edits.EditAsync(Header, Content(RecoveryState.CuttingOver));
        Assert.Single(sent);
        clock.Advance(TimeSpan.FromSeconds(5));
        await WaitAsync(() => sent.Count == 2);
        Assert.Equal([RecoveryState.AwaitingApproval, RecoveryState.CuttingOver], sent);
    }

    private static async Task WaitAsync(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(10);
        }
    }
}
