using System.Net;
using System.Text.Json.Nodes;
using Pitr.Adapters.Slack.Blocks;
using Pitr.Bot.Tests.Slack.Support;
using Pitr.Domain;
using Pitr.Domain.Recoveries;
using Pitr.Domain.Recoveries.Events;
using static Pitr.Bot.Tests.Slack.Support.SlackBot;

namespace Pitr.Bot.Tests.Slack;

/// <summary>Whole recoveries driven through the real ASP.NET pipeline by pressing the buttons the bot posted.</summary>
public sealed class SlackRecoveryFlowTests : IAsyncLifetime
{
    private SlackBot bot = null!;

    public async ValueTask InitializeAsync() => bot = await SlackBot.StartAsync();

    public ValueTask DisposeAsync() => bot.DisposeAsync();

    private static string TenMinutesAgo => TimeFormat.Utc(DateTimeOffset.UtcNow.AddMinutes(-10));

    [Fact]
    public async Task Completes_a_recovery_when_its_posted_buttons_are_pressed()
    {
        var started = DateTimeOffset.UtcNow;
        var ack = await bot.CommandAsync($"start {TenMinutesAgo}", Alice);
        Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        Assert.True(DateTimeOffset.UtcNow - started < TimeSpan.FromSeconds(3), "Slack gives up after 3 s");

        var header = await bot.Slack.WaitForAsync(c => c.Method == "chat.postMessage" && c.Json["thread_ts"] is null, "header post");
        Assert.Equal(Channel, header.Json["channel"]!.GetValue<string>());
        await bot.ClickAsync(await bot.ButtonAsync("pitr.confirm"), Alice);
        await bot.ClickAsync(await bot.ButtonAsync("pitr.approve"), Bob);

        var done = await bot.WaitForAsync(r => r.State == RecoveryState.Completed, "completed");
        Assert.Equal("UBOB", done.Approver?.Id);
        await bot.Slack.WaitForAsync(c => c.Method == "chat.update" && c.Text.Contains("Approved by \\u003C@UBOB\\u003E", StringComparison.Ordinal), "approval buttons replaced");
        await bot.Slack.WaitForAsync(c => c.Method == "chat.update" && c.Json["ts"]?.GetValue<string>() == "1700000000.000001"
            && c.Text.Contains("Completed", StringComparison.Ordinal), "header edited to Completed");
        Assert.All(bot.Slack.CallsTo("chat.postMessage").Skip(1), c => Assert.Equal("1700000000.000001", c.Json["thread_ts"]?.GetValue<string>()));
    }

    [Fact]
    public async Task Makes_one_transition_when_a_button_is_pressed_twice()
    {
        await bot.CommandAsync($"start {TenMinutesAgo}", Alice);
        var confirm = await bot.ButtonAsync("pitr.confirm");

        var clicks = await Task.WhenAll(bot.ClickAsync(confirm, Alice), bot.ClickAsync(confirm, Bob));

        Assert.All(clicks, c => Assert.Equal(HttpStatusCode.OK, c.StatusCode));
        var id = (await bot.WaitForAsync(r => r.State != RecoveryState.Requested, "left Requested")).Id;
        var trail = await bot.WaitForAuditAsync(id, t => t.Any(e => e.Event is Refused { Action: RecoveryTrigger.Confirm }));
        Assert.Single(trail, e => e.Event is Confirmed);
    }

    [Fact]
    public async Task Refuses_self_approval_when_four_eyes_is_on()
    {
        await bot.CommandAsync($"start {TenMinutesAgo}", Alice);
        await bot.ClickAsync(await bot.ButtonAsync("pitr.confirm"), Alice);
        var approve = await bot.ButtonAsync("pitr.approve");

        await bot.ClickAsync(approve, Alice);

        await bot.EphemeralToAsync(Alice, "other than the person who started the recovery");
        var recovery = await bot.WaitForAsync(r => r.State == RecoveryState.AwaitingApproval, "waited for approval");
        var trail = await bot.WaitForAuditAsync(recovery.Id, t => t.Any(e => e.Event is Refused { Action: RecoveryTrigger.Approve }));
        Assert.DoesNotContain(trail, e => e.Event is Approved);
    }

    [Fact]
    public async Task Restores_again_to_the_earlier_time_given_in_the_reject_modal_and_refuses_the_same_time()
    {
        await bot.CommandAsync($"start {TenMinutesAgo}", Alice);
        await bot.ClickAsync(await bot.ButtonAsync("pitr.confirm"), Alice);
        await bot.ClickAsync(await bot.ButtonAsync("pitr.reject"), Bob);
        var view = (await bot.Slack.WaitForAsync(c => c.Method == "views.open", "the reject modal")).Json["view"]!.AsObject();
        var rejected = await bot.WaitForAsync(r => r.State == RecoveryState.AwaitingApproval, "awaited approval");

        var same = await bot.SubmitAsync(view, TimeFormat.Utc(rejected.CurrentAttempt.Target), Bob);
        var earlier = await bot.SubmitAsync(view, TimeFormat.Utc(rejected.CurrentAttempt.Target.AddMinutes(-2)), Bob);

        Assert.Equal("errors", JsonNode.Parse(await same.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!["response_action"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, earlier.StatusCode);
        var again = await bot.WaitForAsync(r => r.Attempts.Count == 2 && r.State == RecoveryState.AwaitingApproval, "restored a second time");
        Assert.Equal(rejected.CurrentAttempt.Target.AddMinutes(-2), again.CurrentAttempt.Target);
        Assert.Equal(SlackViews.TimeBlockId, view["blocks"]![1]!["block_id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Plans_the_instant_that_was_typed_with_an_offset()
    {
        var instant = DateTimeOffset.UtcNow.AddMinutes(-10);
        instant = instant.AddTicks(-(instant.Ticks % TimeSpan.TicksPerSecond));
        var typed = instant.ToOffset(TimeSpan.FromHours(2)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);

        await bot.CommandAsync($"start {typed}", Alice);

        var planned = await bot.WaitForAsync(r => r.State == RecoveryState.Requested, "was planned");
        Assert.EndsWith("+02:00", typed, StringComparison.Ordinal);
        Assert.Equal(instant.UtcDateTime, planned.CurrentAttempt.Target.UtcDateTime);
        var plan = Assert.IsType<Planned>((await bot.Store.GetAuditTrailAsync(planned.Id, TestContext.Current.CancellationToken))[0].Event);
        Assert.Equal(instant.UtcDateTime, plan.Target.Instant.UtcDateTime);
        Assert.Equal(typed, plan.Target.AsTyped);
        await bot.Slack.WaitForAsync(c => c.Method == "chat.postMessage" && Said(c).Contains($"Restore to *{TimeFormat.Exact(instant)} (typed {typed})*", StringComparison.Ordinal), "the plan naming the UTC instant");
    }

    [Theory]
    [InlineData("no offset", "has no UTC offset, so it is ambiguous. Add `Z` for UTC or an offset such as `+02:00`")]
    [InlineData("malformed", "is not a valid ISO-8601 time. Use the form `2024-05-01T10:32:15Z`")]
    [InlineData("future", "is in the future (it is now ")]
    [InlineData("before the window", "is before the earliest restorable time of `orders`. Restorable window: ")]
    public async Task Refuses_a_wrong_time_with_an_actionable_message_and_creates_nothing(string wrong, string message)
    {
        var now = DateTimeOffset.UtcNow;
        var typed = wrong switch
        {
            "no offset" => now.AddMinutes(-10).ToString("yyyy-MM-dd'T'HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
            "malformed" => "yesterdayZ",
            "future" => TimeFormat.Utc(now.AddHours(1)),
            _ => TimeFormat.Utc(now.AddDays(-2)),
        };

        await bot.CommandAsync($"start {typed}", Alice);

        await bot.EphemeralToAsync(Alice, message);
        await bot.DrainAsync();
        Assert.Empty(await bot.Store.ListRecentAsync(null, 10, TestContext.Current.CancellationToken));
        Assert.DoesNotContain(bot.Slack.Calls, c => c.Method == "chat.postMessage");
    }

    [Fact]
    public async Task Refuses_a_disallowed_user_without_growing_the_audit_trail_and_changes_nothing()
    {
        var ack = await bot.CommandAsync($"start {TenMinutesAgo}", Mallory);

        Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        await bot.EphemeralToAsync(Mallory, "not allowed");
        await bot.DrainAsync();
        Assert.Empty(await bot.Store.GetAuditTrailAsync("-", TestContext.Current.CancellationToken));
        Assert.Empty(await bot.Store.ListRecentAsync(null, 10, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Refuses_a_button_press_from_a_disallowed_user_without_an_audit_entry()
    {
        await bot.CommandAsync($"start {TenMinutesAgo}", Alice);
        var confirm = await bot.ButtonAsync("pitr.confirm");

        await bot.ClickAsync(confirm, Mallory);

        await bot.EphemeralToAsync(Mallory, "not allowed");
        await bot.DrainAsync();
        var recovery = (await bot.Store.ListRecentAsync(null, 1, TestContext.Current.CancellationToken)).Single();
        Assert.Equal(RecoveryState.Requested, recovery.State);
        Assert.DoesNotContain(await bot.Store.GetAuditTrailAsync(recovery.Id, TestContext.Current.CancellationToken), e => e.Actor.Id == Mallory.Id);
    }

    [Fact]
    public async Task Audits_an_allowed_persons_click_refused_for_its_channel_on_the_recovery_it_names()
    {
        await bot.CommandAsync($"start {TenMinutesAgo}", Alice);
        var confirm = await bot.ButtonAsync("pitr.confirm");
        var value = confirm["value"]!.GetValue<string>();

        await bot.InteractAsync(new JsonObject
        {
            ["type"] = "block_actions",
            ["user"] = new JsonObject { ["id"] = Bob.Id, ["username"] = Bob.Name },
            ["channel"] = new JsonObject { ["id"] = "CRANDOM" },
            ["trigger_id"] = "trigger-elsewhere",
            ["actions"] = new JsonArray(new JsonObject { ["type"] = "button", ["action_id"] = "pitr.confirm", ["value"] = value, ["action_ts"] = "1.2" }),
        });

        await bot.EphemeralToAsync(Bob, "incident channels only");
        var recovery = (await bot.Store.ListRecentAsync(null, 1, TestContext.Current.CancellationToken)).Single();
        Assert.Equal(RecoveryState.Requested, recovery.State);
        await bot.WaitForAuditAsync(recovery.Id, t => t.Any(e => e.Event is NotAdmitted { Request: "Confirm" } && e.Actor.Id == Bob.Id));
    }

    [Fact]
    public async Task Admits_a_member_of_an_allowed_user_group_only_in_allowed_channels()
    {
        await bot.CommandAsync("status", Carol);
        await bot.CommandAsync("status", Alice, channel: "CRANDOM");

        await bot.EphemeralToAsync(Carol, "No recovery or drill has been run yet");
        await bot.EphemeralToAsync(Alice, "incident channels only");
    }

    [Fact]
    public async Task Answers_help_and_usage_mistakes_at_once()
    {
        var help = await EphemeralAckAsync(bot.CommandAsync("help", Mallory));
        var usage = await EphemeralAckAsync(bot.CommandAsync("start 2024-05-01T10:32:15Z orders extra words here", Alice));
        var unknown = await EphemeralAckAsync(bot.CommandAsync("restore now", Alice));

        Assert.Contains("/pitr start 2024-05-01T10:32:15Z [db]", help, StringComparison.Ordinal);
        Assert.Contains("Usage: `/pitr start", usage, StringComparison.Ordinal);
        Assert.Contains("`restore` is not a `/pitr` command", unknown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_without_a_time_asks_for_one_when_the_engine_cannot_read_its_history()
    {
        await bot.CommandAsync("start", Alice);

        var answer = await bot.EphemeralToAsync(Alice, "cannot read its history");

        Assert.Contains("/pitr start 2024-05-01T10:32:15Z orders", SlackBot.Said(answer), StringComparison.Ordinal);
        Assert.Empty(await bot.Store.ListRecentAsync(null, 10, TestContext.Current.CancellationToken));
    }

    private static async Task<string> EphemeralAckAsync(Task<HttpResponseMessage> sent)
    {
        var body = JsonNode.Parse(await (await sent).Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;
        Assert.Equal("ephemeral", body["response_type"]!.GetValue<string>());
        return body["text"]!.GetValue<string>();
    }
}
