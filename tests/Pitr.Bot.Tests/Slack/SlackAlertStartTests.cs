using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Pitr.Adapters.Slack;
using Pitr.Bot.Tests.Slack.Support;
using Pitr.Domain;
using Pitr.Domain.Recoveries;
using static Pitr.Bot.Tests.Slack.Support.SlackBot;

namespace Pitr.Bot.Tests.Slack;

/// <summary>From an Alertmanager notification to a planned recovery, through the card's Start button and the modal it opens.</summary>
public sealed class SlackAlertStartTests : IAsyncLifetime
{
    private const string AlertToken = "alert-intake-token";
    private SlackBot bot = null!;

    public async ValueTask InitializeAsync() => bot = await SlackBot.StartAsync(false,
        $"--Pitr:Alerts:BearerToken={AlertToken}",
        $"--Pitr:Alerts:Channel={Channel}",
        "--Pitr:Alerts:AlertNames:0=DataCorruptionSuspected",
        "--Pitr:Alerts:SuggestionMargin=00:02:00");

    public ValueTask DisposeAsync() => bot.DisposeAsync();

    [Fact]
    public async Task Plans_a_recovery_at_the_suggested_time_when_the_alert_cards_start_button_is_used()
    {
        var startsAt = DateTimeOffset.UtcNow.AddMinutes(-10);
        startsAt = startsAt.AddTicks(-(startsAt.Ticks % TimeSpan.TicksPerSecond));

        var posted = await bot.PostJsonAsync("/alerts/alertmanager", Notification(startsAt), AlertToken);
        var start = await bot.ButtonAsync(SlackActionIds.StartFromAlert);
        await bot.ClickAsync(start, Alice);
        var view = (await bot.Slack.WaitForAsync(c => c.Method == "views.open", "the start modal")).Json["view"]!.AsObject();
        var suggested = view.ToJsonString();
        var submitted = await bot.SubmitAsync(view, TimeFormat.Utc(startsAt.AddMinutes(-2)), Alice);
        var planned = await bot.WaitForAsync(r => r.State == RecoveryState.Requested, "was planned");

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        Assert.Contains(TimeFormat.Utc(startsAt.AddMinutes(-2)), suggested, StringComparison.Ordinal);
        Assert.Equal(startsAt.AddMinutes(-2), planned.CurrentAttempt.Target);
        Assert.Equal("orders", planned.Database);
        Assert.Equal("UALICE", planned.Initiator.Id);
        Assert.Single(bot.Slack.Calls, c => c.Method == "chat.postMessage" && c.Text.Contains(SlackActionIds.StartFromAlert, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("CINC|orders")]
    [InlineData("")]
    public async Task Refuses_at_once_and_opens_nothing_when_the_start_button_comes_from_a_channel_the_modal_cannot_carry(string channel)
    {
        await bot.PostJsonAsync("/alerts/alertmanager", Notification(DateTimeOffset.UtcNow.AddMinutes(-10)), AlertToken);
        var start = await bot.ButtonAsync(SlackActionIds.StartFromAlert);

        using var answer = await bot.InteractAsync(new JsonObject
        {
            ["type"] = "block_actions",
            ["user"] = new JsonObject { ["id"] = Alice.Id, ["username"] = Alice.Name },
            ["channel"] = new JsonObject { ["id"] = channel },
            ["trigger_id"] = "trigger-bar",
            ["actions"] = new JsonArray(new JsonObject
            {
                ["type"] = "button", ["action_id"] = SlackActionIds.StartFromAlert, ["value"] = start["value"]!.GetValue<string>(), ["action_ts"] = "1.1",
            }),
        });
        await bot.DrainAsync();

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Empty(bot.Slack.CallsTo("views.open"));
    }

    private static JsonObject Notification(DateTimeOffset startsAt) => new()
    {
        ["receiver"] = "pitr",
        ["status"] = "firing",
        ["alerts"] = new JsonArray(new JsonObject
        {
            ["status"] = "firing",
            ["labels"] = new JsonObject { ["alertname"] = "DataCorruptionSuspected", ["database"] = "orders" },
            ["annotations"] = new JsonObject { ["summary"] = "Rows vanished from public.orders" },
            ["startsAt"] = startsAt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["endsAt"] = "0001-01-01T00:00:00Z",
            ["generatorURL"] = "http://prometheus:9090/graph",
            ["fingerprint"] = "4f1d2b0c9a7e6d5c",
        }),
        ["groupLabels"] = new JsonObject { ["alertname"] = "DataCorruptionSuspected", ["database"] = "orders" },
        ["commonLabels"] = new JsonObject { ["alertname"] = "DataCorruptionSuspected", ["database"] = "orders" },
        ["commonAnnotations"] = new JsonObject { ["summary"] = "Rows vanished from public.orders" },
        ["externalURL"] = "http://alertmanager:9093",
        ["version"] = "4",
        ["groupKey"] = "{}:{alertname=\"DataCorruptionSuspected\", database=\"orders\"}",
        ["truncatedAlerts"] = 0,
    };
}
