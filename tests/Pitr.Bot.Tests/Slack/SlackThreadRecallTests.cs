using Microsoft.Extensions.DependencyInjection;
using Pitr.Bot.Tests.Slack.Support;
using Pitr.Domain;
using Pitr.Domain.Ports;
using Pitr.Domain.Recoveries;
using Pitr.Domain.Recoveries.Events;
using static Pitr.Bot.Tests.Slack.Support.SlackBot;

namespace Pitr.Bot.Tests.Slack;

/// <summary>
/// A crash between a Slack post and its record, as the thread log is left by it: the bot finds the post in Slack by
/// the metadata it put on it (conversations.history / conversations.replies) and does not post it again.
/// </summary>
public sealed class SlackThreadRecallTests
{
    [Fact]
    public async Task Finds_the_header_and_the_plan_posted_before_a_crash_and_posts_neither_again()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var bot = await SlackBot.StartAsync();
        (await bot.CommandAsync($"start {TimeFormat.Utc(DateTimeOffset.UtcNow.AddMinutes(-10))}", Alice)).EnsureSuccessStatusCode();
        var recovery = await bot.WaitForAsync(r => r.State == RecoveryState.Requested, "planned");
        var planned = (await bot.WaitForAuditAsync(recovery.Id, t => t.Any(e => e.Event is Planned))).Single(e => e.Event is Planned);
        var told = await WaitForThreadAsync(bot, recovery.Id, t => t.DeliveredSeq == planned.Seq && t.HeaderSettledVersion == recovery.Version);

        // As a crash leaves it: both posts started, neither recorded.
        await bot.Threads.SaveAsync(new RecoveryThread(recovery.Id, "slack") { HeaderPostingSince = DateTimeOffset.UtcNow.AddSeconds(-1), PostingSeq = planned.Seq }, cancellationToken);
        await bot.App.Services.GetRequiredService<IRecoverySignals>().ChangedAsync(recovery.Id, cancellationToken);
        var recovered = await WaitForThreadAsync(bot, recovery.Id, t => t.DeliveredSeq == planned.Seq && t.HeaderSettledVersion == recovery.Version);
        await bot.DrainAsync();

        Assert.Equal(told.Header, recovered.Header);
        Assert.Single(bot.Slack.Messages, m => m.ThreadTs is null);
        Assert.Single(bot.Slack.Messages, m => m.Seq == planned.Seq);
        Assert.Contains(bot.Slack.CallsTo("conversations.history"), c => c.Form["include_all_metadata"] == "true" && c.Form["channel"] == Channel);
        Assert.Contains(bot.Slack.CallsTo("conversations.replies"), c => c.Form["ts"] == told.Header!.Ts);
    }

    private static async Task<RecoveryThread> WaitForThreadAsync(SlackBot bot, string id, Func<RecoveryThread, bool> condition)
    {
        for (var i = 0; i < 1500; i++)
        {
            if (await bot.Threads.FindAsync(id, "slack", CancellationToken.None) is { } thread && condition(thread))
            {
                return thread;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"The thread of {id} never showed what was expected.");
    }
}
