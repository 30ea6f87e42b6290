using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Pitr.Adapters.Local.Demo;
using Pitr.Adapters.Slack;
using Pitr.Adapters.Storage;
using Pitr.Adapters.Tests.Support;
using Pitr.Bot.Cli;
using Pitr.Domain.Ports;
using Pitr.Domain.Recoveries;
using Pitr.Tests.Slack.Support;

namespace Pitr.Bot.Tests.Threads;

/// <summary>
/// Real <c>pitr serve</c> processes (one or several replicas) on one store — PostgreSQL or SQLite — over the
/// demo's real primary with its WAL archive, all talking to one Slack stand-in. A replica can be killed
/// outright (SIGKILL) and started again. The test reads the store through the same adapters the bot uses.
/// </summary>
internal sealed class ServedReplicas : IAsyncDisposable
{
    public const string Alice = "UALICE";
    public const string Bob = "UBOB";
    public const string Channel = "CINC";
    private const string SigningSecret = "thread-test-signing-secret";

    private readonly Dictionary<string, string?> settings;
    private readonly TemporaryPostgres? storeServer;
    private readonly ServiceProvider storeServices;
    private readonly Process?[] processes;
    private readonly HttpClient[] clients;

    private ServedReplicas(DemoEnvironment environment, SlackStandIn slack, TemporaryPostgres? storeServer, Dictionary<string, string?> settings, int replicas)
    {
        Environment = environment;
        Slack = slack;
        this.storeServer = storeServer;
        this.settings = settings;
        processes = new Process?[replicas];
        clients = [.. Enumerable.Range(0, replicas).Select(_ => new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{FreePort()}") })];
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        storeServices = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddRecoveryStore(configuration).BuildServiceProvider();
    }

    public DemoEnvironment Environment { get; }

    public int Replicas => processes.Length;

    public SlackStandIn Slack { get; }

    public IRecoveryStore Store => storeServices.GetRequiredService<IRecoveryStore>();

    public IThreadLog Threads => storeServices.GetRequiredService<IThreadLog>();

    /// <summary>A restorable second: after the base backup, with commits before and after it archived.</summary>
    public DateTimeOffset Target { get; private set; }

    /// <param name="postgresStore">One PostgreSQL store shared by the replicas; otherwise the embedded SQLite store.</param>
    /// <param name="more">Settings beyond the test defaults.</param>
    public static async Task<ServedReplicas> StartAsync(bool postgresStore, int replicas, CancellationToken cancellationToken, IReadOnlyDictionary<string, string>? more = null)
    {
        var environment = await DemoEnvironment.StartAsync(cancellationToken);
        await environment.PrepareAsync(cancellationToken);
        await environment.WriteWorkloadAsync(cancellationToken);
        await Task.Delay(50, cancellationToken);
        var target = DateTimeOffset.UtcNow;
        await Task.Delay(50, cancellationToken);
        await environment.WriteWorkloadAsync(cancellationToken);
        await environment.Primary.SwitchWalAsync(cancellationToken);

        var slack = await SlackStandIn.StartAsync();
        var settings = environment.Configuration(typeof(PitrCli).Assembly.Location);
        TemporaryPostgres? storeServer = null;
        if (postgresStore)
        {
            storeServer = await TemporaryPostgres.StartAsync(cancellationToken: cancellationToken);
            await storeServer.ScalarAsync("CREATE DATABASE bot");
            settings["Pitr:Store:Kind"] = "postgres";
            settings["Pitr:Store:Postgres:ConnectionString"] = storeServer.ConnectionString("bot");
        }

        settings["Logging:LogLevel:Default"] = "Warning";
        settings["Pitr:Runner:Tick"] = "00:00:00.100";
        settings["Pitr:Runner:ErrorBackoff"] = "00:00:01";
        settings["Pitr:Slack:BotToken"] = "xoxb-thread-test";
        settings["Pitr:Slack:SigningSecret"] = SigningSecret;
        settings["Pitr:Slack:ApiBaseUrl"] = slack.ApiBase.ToString();
        settings["Pitr:Slack:AllowedUsers:0"] = Alice;
        settings["Pitr:Slack:AllowedUsers:1"] = Bob;
        settings["Pitr:Slack:AllowedChannels:0"] = Channel;
        foreach (var (key, value) in more ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        var served = new ServedReplicas(environment, slack, storeServer, settings, replicas) { Target = target };
        for (var i = 0; i < replicas; i++)
        {
            await served.ServeAsync(i, cancellationToken);
        }

        return served;
    }

    /// <summary>Starts replica <paramref name="replica"/> and waits until it answers <c>/healthz</c>.</summary>
    public async Task ServeAsync(int replica, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(typeof(PitrCli).Assembly.Location);
        start.ArgumentList.Add("serve");
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        start.Environment["Urls"] = clients[replica].BaseAddress!.ToString().TrimEnd('/');
        var process = processes[replica] = Process.Start(start)!;
        _ = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        while (true)
        {
            Assert.False(process.HasExited, $"pitr serve exited at start: {(process.HasExited ? await errors : "")}");
            try
            {
                using var response = await clients[replica].GetAsync(new Uri("/healthz", UriKind.Relative), cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    /// <summary>SIGKILL to the replica alone, as a node failure or the OOM killer ends it.</summary>
    public async Task KillAsync(int replica)
    {
        var process = processes[replica]!;
        process.Kill(entireProcessTree: false);
        await process.WaitForExitAsync();
        process.Dispose();
        processes[replica] = null;
    }

    public async Task<HttpResponseMessage> CommandAsync(int replica, string text, string user)
    {
        var body = string.Join('&', new Dictionary<string, string>
        {
            ["team_id"] = "T1", ["channel_id"] = Channel, ["user_id"] = user, ["user_name"] = user.ToLowerInvariant(),
            ["command"] = "/pitr", ["text"] = text, ["response_url"] = "https://hooks.invalid/x", ["trigger_id"] = "t",
        }.Select(f => $"{Uri.EscapeDataString(f.Key)}={Uri.EscapeDataString(f.Value)}"));
        return await PostAsync(replica, "/slack/commands", body);
    }

    public Task<HttpResponseMessage> ClickAsync(int replica, RecoveryTrigger action, string recoveryId, RecoveryState offeredIn, string user)
    {
        var payload = new JsonObject
        {
            ["type"] = "block_actions",
            ["user"] = new JsonObject { ["id"] = user, ["username"] = user.ToLowerInvariant() },
            ["channel"] = new JsonObject { ["id"] = Channel },
            ["trigger_id"] = "t",
            ["container"] = new JsonObject { ["type"] = "message", ["channel_id"] = Channel },
            ["actions"] = new JsonArray(new JsonObject
            {
                ["type"] = "button", ["action_id"] = SlackActionIds.Of(action), ["value"] = $"{recoveryId}|{offeredIn}",
                ["action_ts"] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
            }),
        };
        return PostAsync(replica, "/slack/interactions", "payload=" + Uri.EscapeDataString(payload.ToJsonString()));
    }

    public Task<HttpResponseMessage> GetAsync(int replica, string path) => clients[replica].GetAsync(new Uri(path, UriKind.Relative));

    /// <summary>The one recovery, once the store holds it.</summary>
    public async Task<RecoverySnapshot> RecoveryAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (await Store.ListRecentAsync(null, 1, cancellationToken) is [var recovery, ..])
            {
                return recovery;
            }

            await Task.Delay(20, cancellationToken);
        }
    }

    /// <summary>Waits until the recovery is in one of <paramref name="states"/>; fails as soon as it ends anywhere else.</summary>
    public async Task<RecoveryState> WaitForAsync(string recoveryId, CancellationToken cancellationToken, params RecoveryState[] states)
    {
        while (true)
        {
            var state = (await Store.FindAsync(recoveryId, cancellationToken))!.State;
            if (states.Contains(state))
            {
                return state;
            }

            Assert.False(state is RecoveryState.Failed or RecoveryState.Aborted or RecoveryState.RolledBack,
                $"{recoveryId} ended {state}: {string.Join(" / ", (await Store.GetAuditTrailAsync(recoveryId, cancellationToken)).Select(e => e.Event))}");
            await Task.Delay(20, cancellationToken);
        }
    }

    /// <summary>Waits until the thread log says everything was told and the header settled on the recovery's last version.</summary>
    public async Task WaitUntilToldAsync(string recoveryId, CancellationToken cancellationToken)
    {
        while (true)
        {
            var recovery = (await Store.FindAsync(recoveryId, cancellationToken))!;
            var last = (await Store.GetAuditTrailAsync(recoveryId, cancellationToken))[^1].Seq;
            if (await Threads.FindAsync(recoveryId, "slack", cancellationToken) is { } thread
                && thread.DeliveredSeq >= last && thread.HeaderSettledVersion == recovery.Version)
            {
                return;
            }

            await Task.Delay(50, cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in processes.OfType<Process>())
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            process.Dispose();
        }

        foreach (var client in clients)
        {
            client.Dispose();
        }

        await storeServices.DisposeAsync();
        await Slack.DisposeAsync();
        SqliteConnection.ClearAllPools();
        NpgsqlConnection.ClearAllPools();
        if (storeServer is not null)
        {
            await storeServer.DisposeAsync();
        }

        await Environment.DisposeAsync();
    }

    private async Task<HttpResponseMessage> PostAsync(int replica, string path, string body)
    {
        var ts = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
        request.Headers.Add(SlackSignature.TimestampHeader, ts);
        request.Headers.Add(SlackSignature.SignatureHeader, SlackSignature.Sign(SigningSecret, ts, Encoding.UTF8.GetBytes(body)));
        return await clients[replica].SendAsync(request);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
