using Pitr.Bot.Tests.Slack.Support;
using Pitr.Domain.Recoveries;
using static Pitr.Bot.Tests.Slack.Support.SlackBot;

namespace Pitr.Bot.Tests.Slack;

/// <summary><c>/pitr drill all</c> through the real ASP.NET pipeline: every database drilled in its own thread, one summary in the channel.</summary>
public sealed class SlackFleetDrillTests : IAsyncLifetime
{
    private SlackBot bot = null!;

    public async ValueTask InitializeAsync() => bot = await SlackBot.StartAsync(["orders", "billing"]);

    public ValueTask DisposeAsync() => bot.DisposeAsync();

    [Fact]
    public async Task Drill_all_drills_every_database_and_posts_one_summary_in_the_channel()
    {
        await bot.CommandAsync("drill all", Alice);

        await bot.EphemeralToAsync(Alice, "The fleet drill is over");
        var summary = Assert.Single(bot.Slack.CallsTo("chat.postMessage"), c => Said(c).Contains("Fleet drill", StringComparison.Ordinal));
        Assert.Equal(Channel, summary.Json["channel"]?.GetValue<string>());
        Assert.StartsWith(":white_check_mark: *Fleet drill*: 2/2 databases passed", Said(summary), StringComparison.Ordinal);
        Assert.Contains("• `billing` :white_check_mark: passed · RTO *", Said(summary), StringComparison.Ordinal);
        Assert.Contains("• `orders` :white_check_mark: passed · RTO *", Said(summary), StringComparison.Ordinal);
        var drills = await bot.Store.ListRecentAsync(null, 10, CancellationToken.None);
        Assert.Equal(["billing", "orders"], drills.Select(d => d.Database).Order());
        Assert.All(drills, d => Assert.Equal((RecoveryMode.Drill, RecoveryState.Completed, "UALICE"), (d.Mode, d.State, d.Initiator.Id)));
    }
}
