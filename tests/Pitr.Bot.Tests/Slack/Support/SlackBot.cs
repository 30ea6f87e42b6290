using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Hosting;
using Pitr.Adapters.Slack;
using Pitr.Bot.Hosting;
using Pitr.Domain.Ports;
using Pitr.Domain.Recoveries;
using Pitr.Tests.Slack.Support;

namespace Pitr.Bot.Tests.Slack.Support;

/// <summary>The real bot host on a loopback port, with the fake engine, a throwaway SQLite store and the Slack stand-in.</summary>
internal sealed class SlackBot : IAsyncDisposable
{
    public const string SigningSecret = "test-signing-secret";
    public const string Channel = "CINC";
    public static readonly SlackPerson Alice = new("UALICE", "alice");
    public static readonly SlackPerson Bob = new("UBOB", "bob");
    public static readonly SlackPerson Carol = new("UCAROL", "carol");
    public static readonly SlackPerson Mallory = new("UMALLORY", "mallory");

    /// <summary>How long <see cref="DrainAsync"/> waits for the work under way before it fails the test.</summary>
    private static readonly TimeSpan DrainLimit = TimeSpan.FromSeconds(30);

    private static int triggers;

    private readonly string directory;
    private readonly HttpClient http;
    private bool stopped;

    private SlackBot(WebApplication app, SlackStandIn slack, string directory, Uri address, IReadOnlyDictionary<string, FakeRestorer> restorers)
    {
        App = app;
        Slack = slack;
        Restorers = restorers;
        this.directory = directory;
        http = new HttpClient { BaseAddress = address };
    }

    public WebApplication App { get; }

    public SlackStandIn Slack { get; }

    public IRecoveryStore Store => App.Services.GetRequiredService<IRecoveryStore>();

    /// <summary>Where the bot keeps each recovery's Slack thread (header ts, what it has told).</summary>
    public IThreadLog Threads => App.Services.GetRequiredService<IThreadLog>();

    /// <summary>Each database's fake engine, once the bot has asked for it; it records every restore it was asked to start.</summary>
    public IReadOnlyDictionary<string, FakeRestorer> Restorers { get; }

    /// <param name="settings">More configuration, as <c>--Key=value</c> arguments.</param>
    public static Task<SlackBot> StartAsync(bool socketMode = false, params string[] settings) => StartAsync(["orders"], socketMode, settings);

    /// <summary>The bot with one fake-engine database per name (the first is the default).</summary>
    /// <param name="settings">More configuration, as <c>--Key=value</c> arguments; a later value of a key wins.</param>
    public static async Task<SlackBot> StartAsync(IReadOnlyList<string> databases, bool socketMode = false, params string[] settings)
    {
        var slack = await SlackStandIn.StartAsync();
        slack.GroupMembers["SONCALL"] = [Carol.Id];
        var directory = Directory.CreateTempSubdirectory("pitr-slack-").FullName;
        var args = new List<string>
        {
            "--urls=http://127.0.0.1:0",
            "--Logging:LogLevel:Default=Error",
            $"--Pitr:Store:Sqlite:Path={Path.Combine(directory, "pitr.db")}",
            "--Pitr:Runner:Tick=00:00:00.050",
            "--Pitr:Slack:BotToken=xoxb-test-token",
            $"--Pitr:Slack:SigningSecret={SigningSecret}",
            $"--Pitr:Slack:ApiBaseUrl={slack.ApiBase}",
            $"--Pitr:Slack:AllowedUsers:0={Alice.Id}",
            $"--Pitr:Slack:AllowedUsers:1={Bob.Id}",
            "--Pitr:Slack:AllowedUserGroups:0=SONCALL",
            $"--Pitr:Slack:AllowedChannels:0={Channel}",
            "--Pitr:Slack:HeaderEditInterval=00:00:00.200",
            "--Pitr:Slack:PostInterval=00:00:00",
        };
        foreach (var database in databases)
        {
            args.Add($"--Pitr:Databases:{database}:Engine=fake");
            args.Add($"--Pitr:Databases:{database}:Secret:Store=fake");
            args.Add($"--Pitr:Databases:{database}:Policy:PollInterval=00:00:00.050");
        }

        if (socketMode)
        {
            args.Add("--Pitr:Slack:AppToken=xapp-test-token");
        }

        args.AddRange(settings);

        var restorers = new ConcurrentDictionary<string, FakeRestorer>(StringComparer.Ordinal);
        var app = BotHost.Build([.. args], null, builder =>
        {
            foreach (var database in databases)
            {
                builder.Services.AddKeyedSingleton<IDatabaseRestorer>(database, (sp, _) => restorers.GetOrAdd(database, _ => new FakeRestorer(sp.GetRequiredService<TimeProvider>())));
                builder.Services.AddKeyedSingleton<IValidationRunner, PassingValidation>(database);
                builder.Services.AddKeyedSingleton<ISecretStore, FakeSecrets>(database);
            }

            // Stopping is how a test drains the bot (see DrainAsync): the host must not cut the drain short itself.
            builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromMinutes(5));
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new SlackBot(app, slack, directory, new Uri(address), restorers);
    }

    public Task<HttpResponseMessage> CommandAsync(string text, SlackPerson by, string channel = Channel) =>
        PostAsync("/slack/commands", Form(new()
        {
            ["token"] = "deprecated", ["team_id"] = "T1", ["channel_id"] = channel, ["user_id"] = by.Id, ["user_name"] = by.Name,
            ["command"] = "/pitr", ["text"] = text, ["response_url"] = "https://hooks.invalid/x", ["trigger_id"] = NextTriggerId(),
        }));

    /// <summary>Presses a button exactly as Slack reports it: a block_actions payload carrying the button's action_id and value.</summary>
    public Task<HttpResponseMessage> ClickAsync(JsonObject button, SlackPerson by) =>
        InteractAsync(new JsonObject
        {
            ["type"] = "block_actions",
            ["user"] = new JsonObject { ["id"] = by.Id, ["username"] = by.Name, ["name"] = by.Name, ["team_id"] = "T1" },
            ["channel"] = new JsonObject { ["id"] = Channel, ["name"] = "incident" },
            ["trigger_id"] = NextTriggerId(),
            ["container"] = new JsonObject { ["type"] = "message", ["channel_id"] = Channel },
            ["actions"] = new JsonArray(new JsonObject
            {
                ["type"] = "button", ["block_id"] = "pitr.actions", ["action_id"] = button["action_id"]!.GetValue<string>(),
                ["value"] = button["value"]!.GetValue<string>(), ["action_ts"] = NextTriggerId(),
            }),
        });

    public Task<HttpResponseMessage> SubmitAsync(JsonObject view, string time, SlackPerson by) =>
        InteractAsync(new JsonObject
        {
            ["type"] = "view_submission",
            ["trigger_id"] = NextTriggerId(),
            ["user"] = new JsonObject { ["id"] = by.Id, ["username"] = by.Name },
            ["view"] = new JsonObject
            {
                ["callback_id"] = view["callback_id"]!.GetValue<string>(),
                ["private_metadata"] = view["private_metadata"]!.GetValue<string>(),
                ["state"] = new JsonObject { ["values"] = new JsonObject { ["target"] = new JsonObject { ["time"] = new JsonObject { ["type"] = "plain_text_input", ["value"] = time } } } },
            },
        });

    public async Task<HttpResponseMessage> PostJsonAsync(string path, JsonNode body, string bearer)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        return await http.SendAsync(request);
    }

    public Task<HttpResponseMessage> InteractAsync(JsonObject payload) => PostAsync("/slack/interactions", Form(new() { ["payload"] = payload.ToJsonString() }));

    /// <param name="headers">More headers, as Slack adds them to a retry (<c>X-Slack-Retry-Num</c>, <c>X-Slack-Retry-Reason</c>).</param>
    public async Task<HttpResponseMessage> PostAsync(
        string path, string body, Func<string, string, string?>? signature = null, long? timestamp = null, IReadOnlyDictionary<string, string>? headers = null)
    {
        var ts = (timestamp ?? DateTimeOffset.UtcNow.ToUnixTimeSeconds()).ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
        request.Headers.Add(SlackSignature.TimestampHeader, ts);
        var signed = signature is null ? SlackSignature.Sign(SigningSecret, ts, Encoding.UTF8.GetBytes(body)) : signature(ts, body);
        if (signed is not null)
        {
            request.Headers.Add(SlackSignature.SignatureHeader, signed);
        }

        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.Add(name, value);
        }

        return await http.SendAsync(request);
    }

    /// <summary>Slack makes a trigger id (and action timestamp) once per action, so two actions never share a body; a test repeating one means it.</summary>
    private static string NextTriggerId() => $"trigger-{Interlocked.Increment(ref triggers)}";

    public static string Form(Dictionary<string, string> fields) => string.Join('&', fields.Select(f => $"{Uri.EscapeDataString(f.Key)}={Uri.EscapeDataString(f.Value)}"));

    /// <summary>The newest button with this action_id among the messages the bot posted or edited.</summary>
    public async Task<JsonObject> ButtonAsync(string actionId, int skip = 0)
    {
        for (var i = 0; i < 1500; i++)
        {
            var buttons = Slack.Calls.Where(c => c.Method is "chat.postMessage")
                .SelectMany(c => c.Json["blocks"]?.AsArray() ?? [])
                .Where(b => b?["type"]?.GetValue<string>() == "actions")
                .SelectMany(b => b!["elements"]!.AsArray())
                .OfType<JsonObject>()
                .Where(e => e["action_id"]?.GetValue<string>() == actionId)
                .ToList();
            if (buttons.Count > skip)
            {
                return buttons[^1];
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"The bot posted no {actionId} button. Calls: {string.Join(", ", Slack.Calls.Select(c => c.Method))}");
    }

    /// <summary>The newest button with this action_id that acts on <paramref name="recoveryId"/>.</summary>
    public async Task<JsonObject> ButtonOfAsync(string recoveryId, string actionId)
    {
        for (var i = 0; i < 1500; i++)
        {
            var button = Slack.Calls.Where(c => c.Method is "chat.postMessage")
                .SelectMany(c => c.Json["blocks"]?.AsArray() ?? [])
                .Where(b => b?["type"]?.GetValue<string>() == "actions")
                .SelectMany(b => b!["elements"]!.AsArray())
                .OfType<JsonObject>()
                .LastOrDefault(e => e["action_id"]?.GetValue<string>() == actionId && ButtonValue.Parse(e["value"]?.GetValue<string>())?.RecoveryId == recoveryId);
            if (button is not null)
            {
                return button;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"The bot posted no {actionId} button for {recoveryId}.");
    }

    /// <summary>
    /// Stops the bot as <c>pitr serve</c> stops: the endpoints close, and every acknowledged request's background
    /// work, the runner and the thread dispatcher finish what they are doing. What the store and the Slack stand-in
    /// hold afterwards is final. Fails the test when that takes longer than 30 s.
    /// </summary>
    public async Task DrainAsync()
    {
        if (stopped)
        {
            return;
        }

        stopped = true;
        try
        {
            await App.StopAsync().WaitAsync(DrainLimit);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"The bot's background work did not finish within {DrainLimit.TotalSeconds} s of stopping.", e);
        }
    }

    public async Task<RecoverySnapshot> WaitForAsync(Func<RecoverySnapshot, bool> condition, string what)
    {
        for (var i = 0; i < 1500; i++)
        {
            var recent = await Store.ListRecentAsync(null, 1, CancellationToken.None);
            if (recent.Count == 1 && condition(recent[0]))
            {
                return recent[0];
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"The recovery never {what}.");
    }

    public async Task<IReadOnlyList<AuditEntry>> WaitForAuditAsync(string recoveryId, Func<IReadOnlyList<AuditEntry>, bool> condition)
    {
        for (var i = 0; i < 1500; i++)
        {
            var trail = await Store.GetAuditTrailAsync(recoveryId, CancellationToken.None);
            if (condition(trail))
            {
                return trail;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"The audit trail of {recoveryId} never showed what was expected.");
    }

    public Task<RecordedCall> EphemeralToAsync(SlackPerson person, string containing) =>
        Slack.WaitForAsync(c => c.Method == "chat.postEphemeral" && c.Json["user"]?.GetValue<string>() == person.Id && Said(c).Contains(containing, StringComparison.Ordinal),
            $"chat.postEphemeral to {person.Name} saying '{containing}' (said: {string.Join(" | ", Slack.CallsTo("chat.postEphemeral").Select(Said))})");

    /// <summary>The message's <c>text</c> as people read it (<see cref="RecordedCall.Text"/> is the JSON body, where `, + and → are escaped).</summary>
    public static string Said(RecordedCall call) => call.Json["text"]?.GetValue<string>() ?? "";

    public async ValueTask DisposeAsync()
    {
        http.Dispose();
        if (!stopped)
        {
            stopped = true;
            await App.StopAsync();
        }

        await App.DisposeAsync();
        await Slack.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }
}

internal sealed record SlackPerson(string Id, string Name);
