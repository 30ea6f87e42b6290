using Microsoft.Extensions.Time.Testing;
using Pitr.Adapters.Slack.Api;

namespace Pitr.Adapters.Tests.Slack;

public sealed class ChannelPacerTests
{
    [Fact]
    public async Task Holds_a_second_post_to_the_same_channel_until_the_interval_passes()
    {
        var clock = new FakeTimeProvider();
        var pacer = new ChannelPacer(clock, TimeSpan.FromSeconds(1));

        await pacer.WaitTurnAsync("C1", CancellationToken.None);
        var second = pacer.WaitTurnAsync("C1", CancellationToken.None);
        var otherChannel = pacer.WaitTurnAsync("C2", CancellationToken.None);

        Assert.False(second.IsCompleted);
        Assert.True(otherChannel.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(1));
        await second;
    }
}
