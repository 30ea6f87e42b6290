using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Pitr.Bot.Tests.Slack.Support;

namespace Pitr.Bot.Tests.Slack;

/// <summary>
/// Thousands of signed but random slash-command texts and interaction payloads, generated from a
/// fixed seed so a failure can be replayed: none may crash the bot (5xx) or change any state.
/// </summary>
public sealed class MalformedInputFuzzTests : IAsyncLifetime
{
    private const int Inputs = 2500;
    private static readonly string[] Words = ["start", "status", "window", "check", "drill", "abort", "rollback", "decommission", "help", "audit", "orders", "--db", "🙂", "\"", "'", "\\", "%", "&", "=", "\0", "\n", "<script>", "2024-13-45T99:99:99Z", "yesterday", "-1", "9999999999", "pitr-", "Z", "+25:00"];
    private static readonly string[] ActionIds = ["pitr.confirm", "pitr.cancel", "pitr.approve", "pitr.reject", "pitr.abort", "pitr.retry", "pitr.rollback", "pitr.decommission", "pitr.start", "", "x"];
    private SlackBot bot = null!;

    public async ValueTask InitializeAsync() => bot = await SlackBot.StartAsync();

    public async ValueTask DisposeAsync() => await bot.DisposeAsync();

    [Fact]
    public async Task Never_answers_5xx_nor_changes_state_for_random_slash_command_text()
    {
        var random = new Random(20240501);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < Inputs; i++)
        {
            var response = await bot.CommandAsync(RandomCommandText(random), SlackBot.Alice);
            statuses.Add(response.StatusCode);
        }

        await bot.DrainAsync(); // every acknowledged request's background work has finished, or the test fails
        Assert.DoesNotContain(statuses, s => (int)s >= 500);
        Assert.Empty(await bot.Store.ListRecentAsync(null, 10, CancellationToken.None));
        Assert.DoesNotContain(bot.Slack.Calls, c => c.Method == "chat.postMessage");
    }

    [Fact]
    public async Task Never_answers_5xx_nor_changes_state_for_random_interaction_payloads()
    {
        var random = new Random(20240502);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < Inputs; i++)
        {
            var response = await bot.PostAsync("/slack/interactions", "payload=" + Uri.EscapeDataString(RandomPayload(random)));
            statuses.Add(response.StatusCode);
        }

        await bot.DrainAsync(); // every acknowledged request's background work has finished, or the test fails
        Assert.DoesNotContain(statuses, s => (int)s >= 500);
        Assert.Empty(await bot.Store.ListRecentAsync(null, 10, CancellationToken.None));
        Assert.DoesNotContain(bot.Slack.Calls, c => c.Method is "chat.postMessage" or "chat.update");
    }

    /// <summary>Random words and noise; never a well-formed command that plans a recovery (a bare <c>drill</c> legitimately does).</summary>
    private static string RandomCommandText(Random random)
    {
        while (true)
        {
            var text = new StringBuilder();
            for (var n = random.Next(0, 6); n > 0; n--)
            {
                text.Append(random.Next(4) == 0 ? RandomString(random, random.Next(1, 40)) : Words[random.Next(Words.Length)]).Append(' ');
            }

            var words = text.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words is not ["drill"] and not ["drill", "orders"] and not ["drill", "--db", "orders"])
            {
                return text.ToString();
            }
        }
    }

    /// <summary>A block_actions or view_submission payload with fields dropped, retyped or filled with noise.</summary>
    private static string RandomPayload(Random random)
    {
        if (random.Next(10) == 0)
        {
            return RandomString(random, random.Next(0, 200));
        }

        var payload = new JsonObject
        {
            ["type"] = Pick(random, JsonValue.Create("block_actions"), JsonValue.Create("view_submission"), JsonValue.Create(RandomString(random, 5)), JsonValue.Create(7)),
            ["user"] = Pick<JsonNode?>(random, new JsonObject { ["id"] = Pick(random, "UALICE", "UMALLORY", RandomString(random, 8)), ["username"] = "x" }, JsonValue.Create("UALICE"), null),
            ["channel"] = Pick<JsonNode?>(random, new JsonObject { ["id"] = Pick(random, SlackBot.Channel, RandomString(random, 6)) }, null),
            ["trigger_id"] = RandomString(random, 10),
            ["actions"] = Pick<JsonNode?>(random,
                new JsonArray(new JsonObject
                {
                    ["action_id"] = ActionIds[random.Next(ActionIds.Length)],
                    ["value"] = Pick<JsonNode?>(random, JsonValue.Create($"{RandomString(random, 6)}|{Pick(random, "AwaitingApproval", "Requested", RandomString(random, 4))}"), JsonValue.Create(RandomString(random, 12)), JsonValue.Create(3), null),
                }),
                new JsonArray(),
                JsonValue.Create("approve"),
                null),
            ["view"] = Pick<JsonNode?>(random,
                new JsonObject
                {
                    ["callback_id"] = Pick(random, "pitr.reject", "pitr.start", RandomString(random, 5)),
                    ["private_metadata"] = RandomString(random, random.Next(0, 30)),
                    ["state"] = new JsonObject { ["values"] = new JsonObject { ["target"] = new JsonObject { ["time"] = new JsonObject { ["value"] = Words[random.Next(Words.Length)] } } } },
                },
                null),
        };
        return payload.ToJsonString();
    }

    private static T Pick<T>(Random random, params T[] choices) => choices[random.Next(choices.Length)];

    private static string RandomString(Random random, int length)
    {
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = (char)random.Next(1, 0x2FF);
        }

        return new string(chars);
    }
}
