using System.Diagnostics;
using System.Text.Json.Nodes;
using Pitr.Bot.Tests.Slack.Support;
using static Pitr.Bot.Tests.Slack.Support.SlackBot;

namespace Pitr.Bot.Tests.Slack;

/// <summary>Socket Mode against a local WebSocket stand-in: same handlers as HTTP, every envelope acknowledged.</summary>
public sealed class SocketModeTests : IAsyncLifetime
{
    private SlackBot bot = null!;

    public async ValueTask InitializeAsync() => bot = await SlackBot.StartAsync(socketMode: true);

    public ValueTask DisposeAsync() => bot.DisposeAsync();

    /// <param name="trigger">Slack's id of the person's action: an envelope re-sent for the same action carries the same one.</param>
    private static JsonObject StatusEnvelope(string id, string? trigger = null) => new()
    {
        ["envelope_id"] = id,
        ["type"] = "slash_commands",
        ["accepts_response_payload"] = true,
        ["payload"] = new JsonObject
        {
            ["command"] = "/pitr", ["text"] = "status", ["user_id"] = Alice.Id, ["user_name"] = Alice.Name, ["channel_id"] = Channel, ["trigger_id"] = trigger ?? $"trigger-{id}",
        },
    };

    [Fact]
    public async Task Acts_once_when_slack_sends_the_same_command_again_on_the_next_connection()
    {
        var ct = TestContext.Current.CancellationToken;
        var first = await bot.Slack.Connections.Reader.ReadAsync(ct);
        await first.Writer.WriteAsync(StatusEnvelope("e-1", "in-flight"), ct);
        await bot.Slack.Acks.Reader.ReadAsync(ct).AsTask().WaitAsync(TimeSpan.FromSeconds(30), ct);

        // The connection drops with the action in flight; Slack delivers it again, in a new envelope, on the next one.
        await first.Writer.WriteAsync(new JsonObject { ["type"] = "disconnect", ["reason"] = "refresh_requested" }, ct);
        var second = await bot.Slack.Connections.Reader.ReadAsync(ct).AsTask().WaitAsync(TimeSpan.FromSeconds(30), ct);
        await second.Writer.WriteAsync(StatusEnvelope("e-2", "in-flight"), ct);
        var again = await bot.Slack.Acks.Reader.ReadAsync(ct).AsTask().WaitAsync(TimeSpan.FromSeconds(30), ct);
        await bot.DrainAsync();

        Assert.Equal("e-2", again["envelope_id"]!.GetValue<string>());
        Assert.Single(bot.Slack.CallsTo("chat.postEphemeral"));
    }

    [Fact]
    public async Task Acknowledges_a_slash_command_envelope_and_connects_again_after_disconnect()
    {
        var ct = TestContext.Current.CancellationToken;
        var first = await bot.Slack.Connections.Reader.ReadAsync(ct);

        var sent = Stopwatch.StartNew();
        await first.Writer.WriteAsync(StatusEnvelope("e-1"), ct);
        var ack = await bot.Slack.Acks.Reader.ReadAsync(ct).AsTask().WaitAsync(TimeSpan.FromSeconds(3), ct);
        sent.Stop();

        Assert.Equal("e-1", ack["envelope_id"]!.GetValue<string>());
        Assert.Contains("Working on", ack["payload"]!["text"]!.GetValue<string>(), StringComparison.Ordinal);
        await bot.EphemeralToAsync(Alice, "No recovery or drill has been run yet");

        await first.Writer.WriteAsync(new JsonObject { ["type"] = "disconnect", ["reason"] = "refresh_requested" }, ct);
        var second = await bot.Slack.Connections.Reader.ReadAsync(ct).AsTask().WaitAsync(TimeSpan.FromSeconds(30), ct);
        await second.Writer.WriteAsync(StatusEnvelope("e-2"), ct);
        var again = await bot.Slack.Acks.Reader.ReadAsync(ct).AsTask().WaitAsync(TimeSpan.FromSeconds(30), ct);

        Assert.Equal("e-2", again["envelope_id"]!.GetValue<string>());
        Assert.Equal(2, bot.Slack.CallsTo("apps.connections.open").Count());
        Assert.All(bot.Slack.CallsTo("apps.connections.open"), c => Assert.Equal("Bearer xapp-test-token", c.Authorization));
    }
}
