using Pitr.Bot.Tests.Slack.Support;
using static Pitr.Bot.Tests.Slack.Support.SlackBot;

namespace Pitr.Bot.Tests.Slack;

/// <summary><c>/pitr check</c> through the real ASP.NET pipeline.</summary>
public sealed class SlackCheckCommandTests : IAsyncLifetime
{
    private SlackBot bot = null!;

    public async ValueTask InitializeAsync() => bot = await SlackBot.StartAsync();

    public ValueTask DisposeAsync() => bot.DisposeAsync();

    [Fact]
    public async Task Readiness_items_are_shown_to_the_asker_with_a_fix_for_the_missing_drill()
    {
        await bot.CommandAsync("check", Alice);

        var reply = await bot.EphemeralToAsync(Alice, "ready for a recovery");

        Assert.Contains("*Backup retention*", Said(reply), StringComparison.Ordinal);
        Assert.Contains(":x: *Recovery drill*: no completed drill on record", Said(reply), StringComparison.Ordinal);
        Assert.Contains("\n    Fix: Run a drill", Said(reply), StringComparison.Ordinal);
    }
}
