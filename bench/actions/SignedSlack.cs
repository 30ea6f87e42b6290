using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Pitr.Adapters.Slack;
using Pitr.Domain.Recoveries;

namespace Pitr.Bench.Actions;

/// <summary>Sends the bot what Slack sends: signed slash commands and button clicks, each with a trigger id of its own.</summary>
internal sealed class SignedSlack(HttpClient http, string signingSecret, string channel)
{
    public Task CommandAsync(string user, string text) =>
        SendAsync("/slack/commands", Form(new()
        {
            ["team_id"] = "T1", ["channel_id"] = channel, ["user_id"] = user, ["user_name"] = user, ["command"] = "/pitr",
            ["text"] = text, ["response_url"] = "https://hooks.invalid/x", ["trigger_id"] = Guid.NewGuid().ToString(),
        }));

    public Task ClickAsync(RecoveryTrigger action, string id, RecoveryState offeredIn, string user) =>
        SendAsync("/slack/interactions", Form(new()
        {
            ["payload"] = new JsonObject
            {
                ["type"] = "block_actions",
                ["user"] = new JsonObject { ["id"] = user, ["username"] = user, ["team_id"] = "T1" },
                ["channel"] = new JsonObject { ["id"] = channel },
                ["trigger_id"] = Guid.NewGuid().ToString(),
                ["container"] = new JsonObject { ["type"] = "message", ["channel_id"] = channel },
                ["actions"] = new JsonArray(new JsonObject
                {
                    ["type"] = "button", ["block_id"] = "pitr.actions", ["action_id"] = SlackActionIds.Of(action),
                    ["value"] = new ButtonValue(id, offeredIn).ToString(), ["action_ts"] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
                }),
            }.ToJsonString(),
        }));

    /// <summary>Polls until <paramref name="probe"/> finds something; gives up loudly after <paramref name="seconds"/>.</summary>
    public static async Task<T> WaitAsync<T>(Func<Task<T?>> probe, string what, int seconds = 120)
        where T : class
    {
        var until = DateTimeOffset.UtcNow.AddSeconds(seconds);
        while (DateTimeOffset.UtcNow < until)
        {
            if (await probe() is { } found)
            {
                return found;
            }

            await Task.Delay(5);
        }

        throw new TimeoutException($"Gave up waiting for {what} after {seconds} s.");
    }

    private async Task SendAsync(string path, string body)
    {
        var ts = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
        request.Headers.Add(SlackSignature.TimestampHeader, ts);
        request.Headers.Add(SlackSignature.SignatureHeader, SlackSignature.Sign(signingSecret, ts, Encoding.UTF8.GetBytes(body)));
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
    }

    private static string Form(Dictionary<string, string> fields) => string.Join('&', fields.Select(f => $"{Uri.EscapeDataString(f.Key)}={Uri.EscapeDataString(f.Value)}"));
}
