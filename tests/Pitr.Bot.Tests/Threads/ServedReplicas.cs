using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Pitr.Adapters.Local.Demo;
using Pitr.Adapters.Storage;
using Pitr.Adapters.Tests.Support;
using Pitr.Bot.Cli;
using Pitr.Bot.Tests.Support;
using Pitr.Domain.Ports;
using Pitr.Domain.Recoveries;
using Pitr.Domain.Recoveries.Events;
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
    private readonly ServeProcess[] processes;
    private readonly SignedSlackPosts slackPosts = new(SigningSecret, Channel);

    private ServedReplicas(DemoEnvironment environment, SlackStandIn slack, TemporaryPostgres? storeServer, Dictionary<string, string?> settings, int replicas)
    {
        Environment = environment;
        Slack = slack;
        this.storeServer = storeServer;
        this.settings = settings;
        processes = [.. Enumerable.Range(0, replicas).Select(_ => new ServeProcess(settings))];
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

    /// <summary>Starts replica <paramref name="replica"/> (again) and waits until it answers <c>/healthz</c>.</summary>
    public Task ServeAsync(int replica, CancellationToken cancellationToken) => processes[replica].StartAsync(cancellationToken);

    /// <inheritdoc cref="ServeProcess.KillAsync"/>
    public Task KillAsync(int replica) => processes[replica].KillAsync();

    public Task<HttpResponseMessage> CommandAsync(int replica, string text, string user) => slackPosts.CommandAsync(processes[replica].Http, text, user);

    public Task<HttpResponseMessage> ClickAsync(int replica, RecoveryTrigger action, string recoveryId, RecoveryState offeredIn, string user) =>
        slackPosts.ClickAsync(processes[replica].Http, action, recoveryId, offeredIn, user);

    public Task<HttpResponseMessage> GetAsync(int replica, string path) => processes[replica].Http.GetAsync(new Uri(path, UriKind.Relative));

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
                $"{recoveryId} ended {state}: {string.Join(" / ", (await Store.GetAuditTrailAsync(recoveryId, cancellationToken)).Select(e => Described(e.Event)))}");
            await Task.Delay(20, cancellationToken);
        }
    }

    /// <summary>An event as a record prints it, with the workloads' own words where a rollout failed.</summary>
    private static string Described(RecoveryEvent recoveryEvent) => recoveryEvent is RolloutFailed failed
        ? $"RolloutFailed {{ {string.Join(", ", failed.Report.Workloads.Select(w => $"{w.Name}: {(w.Succeeded ? "ok" : "FAILED")} {w.Detail}"))} }}"
        : recoveryEvent.ToString();

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
        foreach (var process in processes)
        {
            await process.DisposeAsync();
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
}
