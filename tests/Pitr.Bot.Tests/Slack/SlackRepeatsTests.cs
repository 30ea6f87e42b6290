using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Pitr.Bot.Tests.Slack.Support;
using Pitr.Domain;
using Pitr.Domain.Recoveries;
using Pitr.Domain.Recoveries.Events;
using static Pitr.Bot.Tests.Slack.Support.SlackBot;

namespace Pitr.Bot.Tests.Slack;

/// <summary>
/// Slack delivers again what it thinks was lost, and anyone who captured a signed request can send it again within
/// its five minutes: the same body, the same signature. Each must act once, also after the bot restarts.
/// </summary>
public sealed class SlackRepeatsTests : IDisposable
{
    private readonly string store = Path.Combine(Directory.CreateTempSubdirectory("pitr-repeats-").FullName, "pitr.db");

    private static string TenMinutesAgo => TimeFormat.Utc(DateTimeOffset.UtcNow.AddMinutes(-10));

    [Fact]
    public async Task Acts_once_on_a_click_delivered_again_with_and_without_retry_headers()
    {
        await using var bot = await StartAsync();
        await bot.CommandAsync($"start {TenMinutesAgo}", Alice);
        var cancel = await bot.ButtonAsync("pitr.cancel");
        await bot.EphemeralToAsync(Alice, "Planned");
        var answersBefore = bot.Slack.CallsTo("chat.postEphemeral").Count();
        var click = Form(new() { ["payload"] = Click(cancel, Alice).ToJsonString() });
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        var answers = new List<HttpStatusCode>();
        foreach (var retry in new[] { null, "1", null, "2" })
        {
            using var answer = await bot.PostAsync("/slack/interactions", click, timestamp: timestamp, headers: RetryHeaders(retry));
            answers.Add(answer.StatusCode);
        }

        await bot.DrainAsync();
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a));
        var recovery = (await bot.Store.ListRecentAsync(null, 1, TestContext.Current.CancellationToken)).Single();
        Assert.Equal(RecoveryState.Aborted, recovery.State);
        var trail = await bot.Store.GetAuditTrailAsync(recovery.Id, TestContext.Current.CancellationToken);
        Assert.Single(trail, e => e.Event is Cancelled);
        Assert.DoesNotContain(trail, e => e.Event is Refused);
        Assert.Equal(answersBefore, bot.Slack.CallsTo("chat.postEphemeral").Count());
    }

    [Fact]
    public async Task Starts_no_second_recovery_when_a_captured_start_is_replayed_after_the_first_was_cancelled_even_by_a_restarted_bot()
    {
        var start = Form(new()
        {
            ["team_id"] = "T1", ["channel_id"] = Channel, ["user_id"] = Alice.Id, ["user_name"] = Alice.Name,
            ["command"] = "/pitr", ["text"] = $"start {TenMinutesAgo}", ["response_url"] = "https://hooks.invalid/x", ["trigger_id"] = "captured-1",
        });
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        await using (var first = await StartAsync())
        {
            (await first.PostAsync("/slack/commands", start, timestamp: timestamp)).EnsureSuccessStatusCode();
            await first.ClickAsync(await first.ButtonAsync("pitr.cancel"), Alice);
            await first.WaitForAsync(r => r.State == RecoveryState.Aborted, "was cancelled");

            using var replayed = await first.PostAsync("/slack/commands", start, timestamp: timestamp, headers: RetryHeaders("1"));
            Assert.Equal(HttpStatusCode.OK, replayed.StatusCode);
            await first.DrainAsync();
            Assert.Single(await first.Store.ListRecentAsync(null, 10, TestContext.Current.CancellationToken));
        }

        await using var restarted = await StartAsync();
        using var again = await restarted.PostAsync("/slack/commands", start, timestamp: timestamp);
        await restarted.DrainAsync();

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Single(await restarted.Store.ListRecentAsync(null, 10, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Acts_on_each_of_two_commands_that_differ_only_by_their_trigger()
    {
        await using var bot = await StartAsync();

        await bot.CommandAsync("status", Alice);
        await bot.CommandAsync("status", Alice);
        await bot.DrainAsync();

        Assert.Equal(2, bot.Slack.CallsTo("chat.postEphemeral").Count());
    }

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(store)!, recursive: true);

    private Task<SlackBot> StartAsync() => SlackBot.StartAsync(false, $"--Pitr:Store:Sqlite:Path={store}");

    private static Dictionary<string, string>? RetryHeaders(string? retry) =>
        retry is null ? null : new() { ["X-Slack-Retry-Num"] = retry, ["X-Slack-Retry-Reason"] = "http_timeout" };

    private static JsonObject Click(JsonObject button, SlackPerson by) => new()
    {
        ["type"] = "block_actions",
        ["user"] = new JsonObject { ["id"] = by.Id, ["username"] = by.Name },
        ["channel"] = new JsonObject { ["id"] = Channel },
        ["trigger_id"] = "captured-click",
        ["container"] = new JsonObject { ["type"] = "message", ["channel_id"] = Channel },
        ["actions"] = new JsonArray(new JsonObject
        {
            ["type"] = "button", ["action_id"] = button["action_id"]!.GetValue<string>(),
            ["value"] = button["value"]!.GetValue<string>(), ["action_ts"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
        }),
    };
}
