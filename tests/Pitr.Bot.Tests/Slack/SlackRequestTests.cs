using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Pitr.Adapters.Slack;
using Pitr.Bot.Tests.Slack.Support;
using Pitr.Domain;
using Pitr.Domain.Recoveries;
using static Pitr.Bot.Tests.Slack.Support.SlackBot;

namespace Pitr.Bot.Tests.Slack;

/// <summary>What the endpoints refuse: unsigned or stale requests (401) and malformed ones (400), never a 500.</summary>
public sealed class SlackRequestTests : IAsyncLifetime
{
    private SlackBot bot = null!;

    public async ValueTask InitializeAsync() => bot = await SlackBot.StartAsync();

    public ValueTask DisposeAsync() => bot.DisposeAsync();

    private static string StartCommand => Form(new()
    {
        ["command"] = "/pitr", ["text"] = $"start {TimeFormat.Utc(DateTimeOffset.UtcNow.AddMinutes(-10))}",
        ["user_id"] = Alice.Id, ["user_name"] = Alice.Name, ["channel_id"] = Channel,
    });

    [Theory]
    [InlineData("forged")]
    [InlineData("missing")]
    [InlineData("stale")]
    [InlineData("other body")]
    public async Task Refuses_with_401_and_changes_nothing_when_the_signature_is(string what)
    {
        var stale = DateTimeOffset.UtcNow.AddMinutes(-6).ToUnixTimeSeconds();
        Func<string, string, string?> signature = what switch
        {
            "forged" => (ts, body) => SlackSignature.Sign("not-the-secret", ts, Encoding.UTF8.GetBytes(body)),
            "missing" => (_, _) => null,
            "other body" => (ts, _) => SlackSignature.Sign(SigningSecret, ts, Encoding.UTF8.GetBytes("text=help")),
            _ => (ts, body) => SlackSignature.Sign(SigningSecret, ts, Encoding.UTF8.GetBytes(body)),
        };

        var response = await bot.PostAsync("/slack/commands", StartCommand, signature, what == "stale" ? stale : null);
        await bot.DrainAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(bot.Slack.Calls);
        Assert.Empty(await bot.Store.ListRecentAsync(null, 10, TestContext.Current.CancellationToken));
    }

    public static TheoryData<string, string> Malformed => new()
    {
        { "/slack/commands", "" },
        { "/slack/commands", "command=%2Fpitr&text=help" },
        { "/slack/commands", "command=%2Fpitr&user_id=U1&channel_id=C1&text=" + new string('x', 3000) },
        { "/slack/interactions", "" },
        { "/slack/interactions", "payload=not-json" },
        { "/slack/interactions", "payload=%5B1%2C2%5D" },
        { "/slack/interactions", "payload=" + Uri.EscapeDataString("{\"type\":\"block_actions\"}") },
        { "/slack/interactions", "payload=" + Uri.EscapeDataString("{\"type\":\"block_actions\",\"user\":{\"id\":\"UALICE\"},\"actions\":{}}") },
        { "/slack/interactions", "payload=" + Uri.EscapeDataString("{\"type\":\"block_actions\",\"user\":{\"id\":\"UALICE\"},\"actions\":[{\"action_id\":\"pitr.approve\",\"value\":\"no-separator\"}]}") },
        { "/slack/interactions", "payload=" + Uri.EscapeDataString("{\"type\":\"block_actions\",\"user\":\"UALICE\",\"actions\":[1]}") },
        { "/slack/interactions", "payload=" + Uri.EscapeDataString("{\"type\":\"view_submission\",\"user\":{\"id\":\"UALICE\"},\"view\":{\"callback_id\":\"pitr.reject\",\"private_metadata\":\"x\"}}") },
        { "/slack/interactions", "payload=" + Uri.EscapeDataString("{\"type\":42}") },
        { "/slack/interactions", "payload=a&payload=b" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task Answers_400_to_a_signed_but_malformed_request(string path, string body)
    {
        var response = await bot.PostAsync(path, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Acknowledges_an_unknown_button_without_doing_anything()
    {
        var ct = TestContext.Current.CancellationToken;
        await bot.CommandAsync($"start {TimeFormat.Utc(DateTimeOffset.UtcNow.AddMinutes(-10))}", Alice);
        await bot.ButtonAsync("pitr.confirm");
        var before = await bot.WaitForAsync(r => r.State == RecoveryState.Requested, "was planned");
        var trailBefore = await bot.Store.GetAuditTrailAsync(before.Id, ct);
        var repliesBefore = bot.Slack.Calls.Count(c => c.Method is "chat.postEphemeral" or "views.open");

        // An action_id the bot never rendered: bare, and carrying a value shaped like one of its own buttons for the live recovery.
        var bare = await bot.InteractAsync(JsonNode.Parse("{\"type\":\"block_actions\",\"user\":{\"id\":\"UALICE\"},\"actions\":[{\"action_id\":\"someone.else\"}]}")!.AsObject());
        var lookalike = await bot.InteractAsync(new JsonObject
        {
            ["type"] = "block_actions",
            ["user"] = new JsonObject { ["id"] = Alice.Id, ["username"] = Alice.Name },
            ["channel"] = new JsonObject { ["id"] = Channel },
            ["actions"] = new JsonArray(new JsonObject { ["action_id"] = "someone.else", ["value"] = new ButtonValue(before.Id, RecoveryState.Requested).ToString() }),
        });
        await bot.DrainAsync();

        Assert.Equal(HttpStatusCode.OK, bare.StatusCode);
        Assert.Equal(HttpStatusCode.OK, lookalike.StatusCode);
        var after = Assert.Single(await bot.Store.ListRecentAsync(null, 10, ct));
        Assert.Equal((before.Id, before.State, before.Version), (after.Id, after.State, after.Version));
        Assert.Equal(trailBefore, await bot.Store.GetAuditTrailAsync(before.Id, ct));
        Assert.Empty(await bot.Store.GetAuditTrailAsync("-", ct));
        Assert.Equal(repliesBefore, bot.Slack.Calls.Count(c => c.Method is "chat.postEphemeral" or "views.open"));
    }
}
