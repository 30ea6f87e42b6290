using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Pitr.Adapters.Slack;
using Pitr.Domain;
using Pitr.Domain.Recoveries;

namespace Pitr.Bot.Tests.Support;

/// <summary>What Slack sends a served bot, signed as Slack signs it: slash commands, button clicks and the Reject modal.</summary>
internal sealed class SignedSlackPosts(string signingSecret, string channel)
{
    private static int triggers;

    public Task<HttpResponseMessage> CommandAsync(HttpClient bot, string text, string user) =>
        PostAsync(bot, "/slack/commands", Form(new()
        {
            ["team_id"] = "T1", ["channel_id"] = channel, ["user_id"] = user, ["user_name"] = user.ToLowerInvariant(),
            ["command"] = "/pitr", ["text"] = text, ["response_url"] = "https://hooks.invalid/x", ["trigger_id"] = NextTriggerId(),
        }));

    public Task<HttpResponseMessage> ClickAsync(HttpClient bot, RecoveryTrigger action, string recoveryId, RecoveryState offeredIn, string user) =>
        InteractAsync(bot, new JsonObject
        {
            ["type"] = "block_actions",
            ["user"] = new JsonObject { ["id"] = user, ["username"] = user.ToLowerInvariant() },
            ["channel"] = new JsonObject { ["id"] = channel },
            ["trigger_id"] = NextTriggerId(),
            ["container"] = new JsonObject { ["type"] = "message", ["channel_id"] = channel },
            ["actions"] = new JsonArray(new JsonObject
            {
                ["type"] = "button", ["action_id"] = SlackActionIds.Of(action), ["value"] = $"{recoveryId}|{offeredIn}", ["action_ts"] = NextTriggerId(),
            }),
        });

    /// <summary>Submits the Reject modal: the earlier time typed, the modal's metadata carried back.</summary>
    public Task<HttpResponseMessage> RejectAsync(HttpClient bot, string recoveryId, DateTimeOffset rejected, DateTimeOffset earlier, string user) =>
        InteractAsync(bot, new JsonObject
        {
            ["type"] = "view_submission",
            ["trigger_id"] = NextTriggerId(),
            ["user"] = new JsonObject { ["id"] = user, ["username"] = user.ToLowerInvariant() },
            ["view"] = new JsonObject
            {
                ["callback_id"] = SlackActionIds.RejectModal,
                ["private_metadata"] = $"{recoveryId}|{RecoveryState.AwaitingApproval}|{TimeFormat.Utc(rejected)}|{channel}",
                ["state"] = new JsonObject
                {
                    ["values"] = new JsonObject { ["target"] = new JsonObject { ["time"] = new JsonObject { ["type"] = "plain_text_input", ["value"] = TimeFormat.Utc(earlier) } } },
                },
            },
        });

    /// <summary>Slack makes one per action: two actions never share a body (a repeated body is a retry, and acts once).</summary>
    private static string NextTriggerId() => $"t-{Interlocked.Increment(ref triggers)}";

    private static string Form(Dictionary<string, string> fields) => string.Join('&', fields.Select(f => $"{Uri.EscapeDataString(f.Key)}={Uri.EscapeDataString(f.Value)}"));

    private Task<HttpResponseMessage> InteractAsync(HttpClient bot, JsonObject payload) =>
        PostAsync(bot, "/slack/interactions", "payload=" + Uri.EscapeDataString(payload.ToJsonString()));

    private async Task<HttpResponseMessage> PostAsync(HttpClient bot, string path, string body)
    {
        var ts = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
        request.Headers.Add(SlackSignature.TimestampHeader, ts);
        request.Headers.Add(SlackSignature.SignatureHeader, SlackSignature.Sign(signingSecret, ts, Encoding.UTF8.GetBytes(body)));
        return await bot.SendAsync(request);
    }
}
