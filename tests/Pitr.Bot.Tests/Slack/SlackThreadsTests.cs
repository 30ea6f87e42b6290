using System.Net;
using Pitr.Adapters.Presentation;
using Pitr.Adapters.Slack.Blocks;
using Pitr.Bot.Tests.Slack.Support;
using Pitr.Domain;
using Pitr.Domain.Ports;
using Pitr.Domain.Recoveries;
using Pitr.Domain.Recoveries.Events;
using Pitr.Tests.Slack.Support;
using static Pitr.Bot.Tests.Slack.Support.SlackBot;

namespace Pitr.Bot.Tests.Slack;

/// <summary>Many recoveries at once through the real host: the thread dispatcher tells each thread from its audit trail.</summary>
public sealed class SlackThreadsTests
{
    private const int Recoveries = 20;
    /// <summary>The bot's own wording: approval requests mention the allowed group and users (see <see cref="SlackBot"/>).</summary>
    private static readonly RecoveryNarrative Narrative = new(TextStyle.Slack, new Approvers(["SONCALL"], [Alice.Id, Bob.Id]));

    [Fact]
    public async Task Posts_one_header_per_recovery_and_tells_each_thread_in_audit_order_when_twenty_run_at_once()
    {
        var ct = TestContext.Current.CancellationToken;
        var databases = Enumerable.Range(1, Recoveries).Select(i => $"db{i:00}").ToList();
        await using var bot = await SlackBot.StartAsync(databases);
        var target = TimeFormat.Utc(DateTimeOffset.UtcNow.AddMinutes(-10));

        var started = await Task.WhenAll(databases.Select(db => bot.CommandAsync($"start {target} {db}", Alice)));
        var planned = await WaitForAllAsync(bot, r => r.State == RecoveryState.Requested, "planned");
        var confirmed = await Task.WhenAll(planned.Select(async r => await bot.ClickAsync(await bot.ButtonOfAsync(r.Id, "pitr.confirm"), Alice)));
        var waiting = await WaitForAllAsync(bot, r => r.State == RecoveryState.AwaitingApproval, "reached AwaitingApproval");
        await WaitUntilToldAsync(bot, waiting);
        await bot.DrainAsync();

        Assert.All(started.Concat(confirmed), r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(databases, waiting.Select(r => r.Database).Order());
        var headers = bot.Slack.CallsTo("chat.postMessage").Where(c => c.Json["thread_ts"] is null).ToList();
        Assert.Equal(Recoveries, headers.Count);
        foreach (var recovery in waiting)
        {
            Assert.Single(headers, h => Text(h).StartsWith($"Recovery {recovery.Id} of {recovery.Database}:", StringComparison.Ordinal));
            var (expected, told) = await ThreadAsync(bot, recovery.Id);
            Assert.Equal(expected, told);
        }
    }

    /// <summary>What the thread of <paramref name="id"/> should say (one message per told audit entry, in trail order), and what was posted in it.</summary>
    private static async Task<(List<string> Expected, List<string> Told)> ThreadAsync(SlackBot bot, string id)
    {
        var snapshot = (await bot.Store.FindAsync(id, CancellationToken.None))!;
        var trail = await bot.Store.GetAuditTrailAsync(id, CancellationToken.None);
        var view = new RecoveryView(snapshot, [], trail, DateTimeOffset.UtcNow);
        var expected = trail.Where(e => e.Event is not Refused)
            .Select(e => Narrative.Tell(e, view, []))
            .OfType<ThreadMessage>()
            .Select(SlackBlocks.ThreadText)
            .ToList();
        var header = (await bot.Threads.FindAsync(id, "slack", CancellationToken.None))?.Header;
        var told = header is null
            ? []
            : bot.Slack.CallsTo("chat.postMessage").Where(c => c.Json["thread_ts"]?.GetValue<string>() == header.Ts).Select(Text).ToList();
        return (expected, told);
    }

    private static async Task WaitUntilToldAsync(SlackBot bot, IReadOnlyList<RecoverySnapshot> recoveries)
    {
        var behind = new List<string>();
        for (var i = 0; i < 600; i++)
        {
            behind.Clear();
            foreach (var recovery in recoveries)
            {
                var (expected, told) = await ThreadAsync(bot, recovery.Id);
                if (told.Count < expected.Count)
                {
                    behind.Add($"{recovery.Id}: {told.Count} of {expected.Count}");
                }
            }

            if (behind.Count == 0)
            {
                return;
            }

            await Task.Delay(50);
        }

        Assert.Fail($"Within 30 s these threads were not told their whole trail: {string.Join("; ", behind)}");
    }

    private static async Task<IReadOnlyList<RecoverySnapshot>> WaitForAllAsync(SlackBot bot, Func<RecoverySnapshot, bool> condition, string what)
    {
        IReadOnlyList<RecoverySnapshot> recent = [];
        for (var i = 0; i < 600; i++)
        {
            recent = await bot.Store.ListRecentAsync(null, 2 * Recoveries, CancellationToken.None);
            if (recent.Count == Recoveries && recent.All(condition))
            {
                return recent;
            }

            await Task.Delay(50);
        }

        Assert.Fail($"Within 30 s not every one of {Recoveries} recoveries {what}: {string.Join(", ", recent.Select(r => $"{r.Database} {r.State}"))} ({recent.Count} in all)");
        return recent;
    }

    private static string Text(RecordedCall call) => call.Json["text"]!.GetValue<string>();
}
