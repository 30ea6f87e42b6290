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

    private static RecoveryView Content(RecoveryState state, int second = 0, IReadOnlyList<RecoveryAction>? actions = null) =>
        Views.Of(Views.Recovery("r1", state, DateTimeOffset.UnixEpoch), DateTimeOffset.UnixEpoch.AddSeconds(second)) with { Actions = actions ?? [] };

    [Fact]
    public async Task Sends_every_change_of_state_at_once()
    {
        var clock = new FakeTimeProvider();
        var sent = new ConcurrentQueue<RecoveryState>();
        var edits = new HeaderEdits(clock, TimeSpan.FromSeconds(5), (_, h) => { sent.Enqueue(h.Recovery.State); return Task.CompletedTask; });
        edits.Posted(Header, Content(RecoveryState.Requested));

        await edits.EditAsync(Header, Content(RecoveryState.Restoring));
        await edits.EditAsync(Header, Content(RecoveryState.Validating));
        await edits.EditAsync(Header, Content(RecoveryState.AwaitingApproval));

        Assert.Equal([RecoveryState.Restoring, RecoveryState.Validating, RecoveryState.AwaitingApproval], sent);
    }

    [Fact]
    public async Task Removes_a_used_button_at_once()
    {
        var clock = new FakeTimeProvider();
        var sent = new ConcurrentQueue<int>();
        var edits = new HeaderEdits(clock, TimeSpan.FromSeconds(5), (_, h) => { sent.Enqueue(h.Actions.Count); return Task.CompletedTask; });
        var approve = new RecoveryAction(RecoveryTrigger.Approve, "r1", RecoveryState.AwaitingApproval);
        edits.Posted(Header, Content(RecoveryState.AwaitingApproval, actions: [approve]));

        await edits.EditAsync(Header, Content(RecoveryState.AwaitingApproval, 1));

        Assert.Equal([0], sent);
    }

    [Fact]
    public async Task Throttles_clock_ticks_and_sends_only_the_newest_once_the_interval_has_passed()
    {
        var clock = new FakeTimeProvider();
        var sent = new ConcurrentQueue<DateTimeOffset>();
        var edits = new HeaderEdits(clock, TimeSpan.FromSeconds(5), (_, h) => { sent.Enqueue(h.Now); return Task.CompletedTask; });
        edits.Posted(Header, Content(RecoveryState.Restoring));

        await edits.EditAsync(Header, Content(RecoveryState.Restoring, 1));
        await edits.EditAsync(Header, Content(RecoveryState.Restoring, 2));
        Assert.Empty(sent);

        clock.Advance(TimeSpan.FromSeconds(5));
        await WaitAsync(() => !sent.IsEmpty);
        Assert.Equal([DateTimeOffset.UnixEpoch.AddSeconds(2)], sent);
    }

    private static async Task WaitAsync(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(10);
        }
    }
}
