using Pitr.Bot.Tests.Cli;
using Pitr.Bot.Tests.Slack.Support;
using static Pitr.Bot.Tests.Slack.Support.SlackBot;

namespace Pitr.Bot.Tests.Slack;

/// <summary><c>/pitr drills</c> through the real ASP.NET pipeline: the trend answered to the person, the chart posted in the channel with its summary.</summary>
public sealed class SlackDrillTrendTests : IAsyncLifetime
{
    private SlackBot bot = null!;

    public async ValueTask InitializeAsync() => bot = await SlackBot.StartAsync(["orders", "billing"]);

    public ValueTask DisposeAsync() => bot.DisposeAsync();

    [Fact]
    public async Task Drills_answers_the_trend_and_posts_each_drilled_databases_chart_with_its_summary()
    {
        var now = DateTimeOffset.UtcNow;
        await bot.Store.AddAsync(EndedDrills.Drill("drill1", "orders", now.AddDays(-3), 300, 10, EndedDrills.Outcome.Passed), [], CancellationToken.None);
        await bot.Store.AddAsync(EndedDrills.Drill("drill2", "orders", now.AddDays(-1), 500, 10, EndedDrills.Outcome.ChecksFailed), [], CancellationToken.None);

        await bot.CommandAsync("drills", Alice);

        var answer = await bot.EphemeralToAsync(Alice, "*orders*: 2 drills");
        Assert.Contains("*billing*: no drill has ended yet.", Said(answer), StringComparison.Ordinal);
        var shared = Assert.Single(bot.Slack.CallsTo("files.completeUploadExternal"));
        Assert.Equal(Channel, shared.Form["channel_id"]);
        Assert.False(shared.Form.ContainsKey("thread_ts"), "the chart goes in the channel, not in a thread");
        Assert.StartsWith("*orders*: 2 drills, RTO p50 5m 12s, p90 8m 32s", shared.Form["initial_comment"], StringComparison.Ordinal);
        var png = Assert.Single(bot.Slack.Uploads.Values);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
    }
}
