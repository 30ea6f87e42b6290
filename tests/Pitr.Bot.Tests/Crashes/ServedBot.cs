using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;
using Pitr.Adapters.Local.Demo;
using Pitr.Bot.Cli;
using Pitr.Bot.Tests.Support;
using Pitr.Domain.Recoveries;
using Pitr.Tests.Slack.Support;

namespace Pitr.Bot.Tests.Crashes;

/// <summary>
/// The real <c>pitr serve</c> process over the demo's real primary (with a base backup made large enough that
/// copying it takes a while), talking to the Slack stand-in; it can be killed outright or sent SIGTERM, and
/// started again over the same store and restore directory.
/// </summary>
internal sealed class ServedBot : IAsyncDisposable
{
    public const string Alice = "UALICE";
    public const string Bob = "UBOB";
    private const string SigningSecret = "crash-test-signing-secret";
    private const string Channel = "CINC";

    /// <summary>How long any one wait may take before the test fails saying what it waited for (a whole drill takes seconds).</summary>
    private static readonly TimeSpan WaitLimit = TimeSpan.FromMinutes(3);

    private readonly Dictionary<string, string?> settings;
    private readonly ServeProcess served;
    private readonly SignedSlackPosts slackPosts = new(SigningSecret, Channel);

    private ServedBot(DemoEnvironment environment, SlackStandIn slack, Dictionary<string, string?> settings)
    {
        Environment = environment;
        Slack = slack;
        this.settings = settings;
        served = new ServeProcess(settings);
    }

    public DemoEnvironment Environment { get; }

    public SlackStandIn Slack { get; }

    /// <summary>A time a recovery can restore to (between the base backup's end and the last archived commit).</summary>
    public DateTimeOffset RecoverableAt { get; private init; }

    /// <summary>An earlier such time, with fewer orders written: what a Reject asks for.</summary>
    public DateTimeOffset EarlierRecoverableAt { get; private init; }

    private string StorePath => settings["Pitr:Store:Sqlite:Path"]!;

    /// <param name="fillerMegabytes">Rows written before the base backup, so that copying it takes seconds.</param>
    public static async Task<ServedBot> StartAsync(int fillerMegabytes, CancellationToken cancellationToken)
    {
        var environment = await DemoEnvironment.StartAsync(cancellationToken);
        await using (var connection = new NpgsqlConnection(environment.Primary.ConnectionString()))
        {
            await connection.OpenAsync(cancellationToken);
            await using var fill = new NpgsqlCommand(
                $"create table filler as select g as id, repeat(md5(g::text), 30) as payload from generate_series(1, {fillerMegabytes * 1000}) g", connection)
            { CommandTimeout = 600 };
            await fill.ExecuteNonQueryAsync(cancellationToken);
        }

        await environment.PrepareAsync(cancellationToken);

        // Whole seconds after the base backup ended and before the last archived commit, each with orders to validate.
        await Task.Delay(TimeSpan.FromSeconds(1.1), cancellationToken);
        await environment.WriteWorkloadAsync(cancellationToken);
        await Task.Delay(TimeSpan.FromSeconds(1.1), cancellationToken);
        var earlier = DateTimeOffset.UtcNow;
        await Task.Delay(TimeSpan.FromSeconds(1.1), cancellationToken);
        await environment.WriteWorkloadAsync(cancellationToken);
        var recoverableAt = DateTimeOffset.UtcNow;
        await Task.Delay(TimeSpan.FromSeconds(1.1), cancellationToken);
        await environment.WriteWorkloadAsync(cancellationToken);
        await environment.Primary.SwitchWalAsync(cancellationToken);

        var slack = await SlackStandIn.StartAsync();
        var settings = environment.Configuration(typeof(PitrCli).Assembly.Location);
        settings["Logging:LogLevel:Default"] = "Warning";
        settings["Pitr:Runner:Tick"] = "00:00:00.100";
        settings["Pitr:Slack:BotToken"] = "xoxb-crash-test";
        settings["Pitr:Slack:SigningSecret"] = SigningSecret;
        settings["Pitr:Slack:ApiBaseUrl"] = slack.ApiBase.ToString();
        settings["Pitr:Slack:AllowedUsers:0"] = Alice;
        settings["Pitr:Slack:AllowedUsers:1"] = Bob;
        settings["Pitr:Slack:AllowedChannels:0"] = Channel;
        settings["Pitr:Slack:PostInterval"] = "00:00:00";
        var bot = new ServedBot(environment, slack, settings) { RecoverableAt = recoverableAt, EarlierRecoverableAt = earlier };
        await bot.ServeAsync(cancellationToken);
        return bot;
    }

    /// <summary>Starts <c>pitr serve</c> (again) and waits until it answers <c>/healthz</c>.</summary>
    public Task ServeAsync(CancellationToken cancellationToken) => served.StartAsync(cancellationToken);

    /// <inheritdoc cref="ServeProcess.KillAsync"/>
    public Task KillAsync() => served.KillAsync();

    /// <inheritdoc cref="ServeProcess.TerminateAsync"/>
    public Task<(int ExitCode, TimeSpan Took)> TerminateAsync(TimeSpan limit) => served.TerminateAsync(limit);

    public Task<HttpResponseMessage> CommandAsync(string text, string user) => slackPosts.CommandAsync(served.Http, text, user);

    public Task<HttpResponseMessage> ClickAsync(RecoveryTrigger action, string recoveryId, RecoveryState offeredIn, string user) =>
        slackPosts.ClickAsync(served.Http, action, recoveryId, offeredIn, user);

    public Task<HttpResponseMessage> RejectAsync(string recoveryId, DateTimeOffset rejected, DateTimeOffset earlier, string user) =>
        slackPosts.RejectAsync(served.Http, recoveryId, rejected, earlier, user);

    /// <summary>The id of the newest recovery, once there is one newer than <paramref name="after"/>.</summary>
    public async Task<string> NewestRecoveryAsync(string? after, CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            Assert.True(waited.Elapsed < WaitLimit, $"no recovery newer than {after} within {WaitLimit}");
            var newest = await ScalarAsync("select id from pitr_recoveries order by rowid desc limit 1", cancellationToken);
            if (newest is not null && newest != after)
            {
                return newest;
            }

            await Task.Delay(50, cancellationToken);
        }
    }

    public async Task<RecoveryState> StateAsync(string recoveryId, CancellationToken cancellationToken) =>
        Enum.Parse<RecoveryState>((await ScalarAsync($"select state from pitr_recoveries where id = '{recoveryId}'", cancellationToken))!);

    /// <summary>Waits until the recovery is in one of <paramref name="states"/>; fails as soon as it is in an unexpected terminal state.</summary>
    public async Task<RecoveryState> WaitForAsync(string recoveryId, CancellationToken cancellationToken, params RecoveryState[] states)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var state = await StateAsync(recoveryId, cancellationToken);
            Assert.True(waited.Elapsed < WaitLimit, $"{recoveryId} still {state} after {WaitLimit}, not {string.Join(" or ", states)}");
            if (states.Contains(state))
            {
                return state;
            }

            Assert.False(state is RecoveryState.Failed or RecoveryState.Aborted or RecoveryState.RolledBack,
                $"{recoveryId} ended {state}: {await ScalarAsync($"select group_concat(action || ' ' || detail, ' / ') from pitr_audit where recovery_id = '{recoveryId}'", cancellationToken)}");
            await Task.Delay(50, cancellationToken);
        }
    }

    /// <summary>How many audit entries of <paramref name="action"/> the recovery has.</summary>
    public async Task<long> AuditCountAsync(string recoveryId, string action, CancellationToken cancellationToken) =>
        long.Parse((await ScalarAsync($"select count(*) from pitr_audit where recovery_id = '{recoveryId}' and action = '{action}'", cancellationToken))!, CultureInfo.InvariantCulture);

    public async Task<long> AuditRowsAsync(CancellationToken cancellationToken) =>
        long.Parse((await ScalarAsync("select count(*) from pitr_audit", cancellationToken))!, CultureInfo.InvariantCulture);

    public async Task<long> RecoveriesAsync(CancellationToken cancellationToken) =>
        long.Parse((await ScalarAsync("select count(*) from pitr_recoveries", cancellationToken))!, CultureInfo.InvariantCulture);

    /// <summary>Processes (other than the bot) whose command line names the restore work directory: copies and restored servers.</summary>
    public IReadOnlyList<string> ProcessesUnderWorkDir() =>
        Directory.EnumerateDirectories("/proc")
            .Select(d => Path.GetFileName(d))
            .Where(pid => pid.All(char.IsAsciiDigit))
            .Select(pid => (Pid: pid, Line: CommandLine(pid)))
            .Where(p => p.Line.Contains(Environment.WorkDir, StringComparison.Ordinal) && !p.Line.Contains("pitr.dll", StringComparison.Ordinal))
            .Select(p => $"{p.Pid}: {p.Line}")
            .ToList();

    public async ValueTask DisposeAsync()
    {
        await served.DisposeAsync();
        await Slack.DisposeAsync();
        SqliteConnection.ClearAllPools();
        await Environment.DisposeAsync();
    }

    private async Task<string?> ScalarAsync(string sql, CancellationToken cancellationToken)
    {
        if (!File.Exists(StorePath))
        {
            return null;
        }

        await using var connection = new SqliteConnection($"Data Source={StorePath};Mode=ReadOnly;Pooling=false");
        await connection.OpenAsync(cancellationToken);
        await using var command = new SqliteCommand(sql, connection);
        try
        {
            return (await command.ExecuteScalarAsync(cancellationToken))?.ToString();
        }
        catch (SqliteException e) when (e.SqliteErrorCode is 1)
        {
            // The bot has not created its tables yet.
            return null;
        }
    }

    private static string CommandLine(string pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
        }
        catch (IOException)
        {
            return "";
        }
    }
}
