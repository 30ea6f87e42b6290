using System.Diagnostics;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Pitr.Adapters.Local;
using Pitr.Bot.Hosting;
using Pitr.Domain.Ports;
using Pitr.Domain.Recoveries;
using Pitr.Domain.Recoveries.Act;
using Pitr.Domain.Recoveries.Start;
using Pitr.Domain.Recoveries.Status;
using Pitr.Tests.Slack.Support;

namespace Pitr.Bench.Local;

/// <summary>
/// The bot as shipped: the real host of <c>pitr serve</c> (runner, stepper, SQLite store, thread dispatcher to a
/// Slack stand-in) with only the keys a local database needs, so every wait is the shipped default.
/// One recovery at a time is confirmed and timed from Confirm to "restore available" (the recovery leaves
/// Restoring) and to "awaiting approval" (validated); then it is aborted and its restore deleted. A last one
/// is approved and timed to Completed.
/// </summary>
internal sealed class ServedRestore : IAsyncDisposable
{
    private static readonly Actor Person = new("UBENCH", "bench");
    private static readonly Actor Approver = new("UBENCH2", "bench approver");
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(5);
    private readonly WebApplication app;
    private readonly SlackStandIn slack;
    private readonly PostgresInstallation installation;
    private readonly string workDir;

    private ServedRestore(WebApplication app, SlackStandIn slack, PostgresInstallation installation, string workDir) =>
        (this.app, this.slack, this.installation, this.workDir) = (app, slack, installation, workDir);

    public static async Task<ServedRestore> StartAsync(PostgresInstallation installation, ArchivingPrimary primary, string root)
    {
        var slack = await SlackStandIn.StartAsync();
        var workDir = Path.Combine(root, "served");

        // What the applications connect to: the source, until a cutover points it at a restore.
        await File.WriteAllTextAsync(Path.Combine(root, "secret.json"),
            $$"""{"host":"{{PostgresServer.Host}}","port":{{primary.Server.Port}},"username":"postgres","dbname":"postgres"}""");
        var app = BotHost.Build(
        [
            "--urls=http://127.0.0.1:0",
            "--Logging:LogLevel:Default=Error",
            "--Pitr:Databases:bench:Engine=local",
            $"--Pitr:Databases:bench:Local:BaseBackupDir={primary.BaseBackupDir}",
            $"--Pitr:Databases:bench:Local:WalArchiveDir={primary.WalArchiveDir}",
            $"--Pitr:Databases:bench:Local:WorkDir={workDir}",
            "--Pitr:Databases:bench:Validation:Username=postgres",
            "--Pitr:Databases:bench:Secret:Store=file",
            $"--Pitr:Databases:bench:Secret:File:Path={Path.Combine(root, "secret.json")}",
            "--Pitr:Databases:bench:Validation:SslMode=Disable",
            $"--Pitr:Store:Sqlite:Path={Path.Combine(root, "served.db")}",
            "--Pitr:Slack:BotToken=xoxb-bench",
            "--Pitr:Slack:SigningSecret=bench-signing-secret",
            $"--Pitr:Slack:ApiBaseUrl={slack.ApiBase}",
            "--Pitr:Slack:AllowedUsers:0=UBENCH",
            "--Pitr:Slack:AllowedUsers:1=UBENCH2",
        ], null);
        await app.StartAsync();
        return new ServedRestore(app, slack, installation, workDir);
    }

    /// <returns>
    /// Confirm → restore available, Confirm → awaiting approval, rows restored, end of replay (as the server logged it) →
    /// noticed, and the bot process's CPU time over the restore's wall time (share of one core; the copy runs in a child).
    /// </returns>
    public async Task<ServedRun> RunAsync(DateTimeOffset target)
    {
        var mediator = app.Services.GetRequiredService<IMediator>();
        var store = app.Services.GetRequiredService<IRecoveryStore>();
        var changes = app.Services.GetRequiredService<RecoveryWakeups>().Subscribe();
        var planned = await mediator.Send(new StartRecovery("bench", RecoveryTarget.At(target), Person, "bench"));
        var id = planned.Recovery?.Id ?? throw new InvalidOperationException($"not planned: {planned.Why}");
        var identifier = RestoreAttempt.IdentifierFor(id, 1);

        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var started = Stopwatch.GetTimestamp();
        var confirmed = await mediator.Send(new ActOnRecovery(id, new PersonAction(RecoveryTrigger.Confirm, Person)));
        if (!confirmed.Succeeded)
        {
            throw new InvalidOperationException($"not confirmed: {confirmed.Why}");
        }

        long? available = null;
        var availableAt = DateTimeOffset.MinValue;
        long? validated = null;
        TimeSpan cpuWhileRestoring = default;
        while (validated is null)
        {
            // Woken by every saved change, as the thread dispatcher is: no polling of the store.
            await changes.WaitToReadAsync();
            while (changes.TryRead(out _))
            {
            }

            var state = (await store.FindAsync(id, CancellationToken.None))!.State;
            var now = Stopwatch.GetTimestamp();
            if (available is null && state != RecoveryState.Restoring && state != RecoveryState.Requested)
            {
                available = now;
                availableAt = DateTimeOffset.UtcNow;
                process.Refresh();
                cpuWhileRestoring = process.TotalProcessorTime - cpuBefore;
            }

            if (state is RecoveryState.AwaitingApproval or RecoveryState.Failed or RecoveryState.Aborted)
            {
                validated = now;
                if (state != RecoveryState.AwaitingApproval)
                {
                    throw new InvalidOperationException($"recovery {id} ended {state}");
                }
            }
        }

        var snapshot = (await store.FindAsync(id, CancellationToken.None))!;
        var endpoint = snapshot.CurrentAttempt.Endpoint!;
        var rows = await ReplayEnd.CountAsync($"Host={endpoint.Host};Port={endpoint.Port};Username=postgres;Database=postgres;Pooling=false");
        var endedAt = ReplayEnd.EndedAtFromLog(new PostgresServer(installation, Path.Combine(workDir, identifier, "data")).LogFile);
        await mediator.Send(new ActOnRecovery(id, new PersonAction(RecoveryTrigger.Abort, Person)));
        await app.Services.GetRequiredKeyedService<IDatabaseRestorer>("bench").DeleteAsync(identifier, CancellationToken.None);

        var restoring = Stopwatch.GetElapsedTime(started, available!.Value);
        return new ServedRun(
            restoring,
            Stopwatch.GetElapsedTime(started, validated.Value),
            rows,
            availableAt - endedAt,
            cpuWhileRestoring / restoring);
    }

    /// <summary>
    /// One recovery through to Completed: Confirm, validation, Approve by a second person at once, the cutover
    /// (file secret; no rollout or health check configured) and the re-protection of the new production (archiving
    /// and a fresh base backup). Call it last: the restore becomes production, so later restores would start from it.
    /// </summary>
    /// <returns>Confirm → Completed, Approve → Completed, and the report's phases.</returns>
    public async Task<(TimeSpan ToCompleted, TimeSpan ApproveToCompleted, IReadOnlyList<PhaseDuration> Phases)> RunToCompletedAsync(DateTimeOffset target)
    {
        var mediator = app.Services.GetRequiredService<IMediator>();
        var store = app.Services.GetRequiredService<IRecoveryStore>();
        var changes = app.Services.GetRequiredService<RecoveryWakeups>().Subscribe();
        var id = (await mediator.Send(new StartRecovery("bench", RecoveryTarget.At(target), Person, "bench"))).Recovery!.Id;
        var started = Stopwatch.GetTimestamp();
        await mediator.Send(new ActOnRecovery(id, new PersonAction(RecoveryTrigger.Confirm, Person)));
        long? approved = null;
        while (true)
        {
            await changes.WaitToReadAsync();
            while (changes.TryRead(out _))
            {
            }

            var state = (await store.FindAsync(id, CancellationToken.None))!.State;
            if (state == RecoveryState.AwaitingApproval && approved is null)
            {
                approved = Stopwatch.GetTimestamp();
                var approval = await mediator.Send(new ActOnRecovery(id, new PersonAction(RecoveryTrigger.Approve, Approver)));
                if (!approval.Succeeded)
                {
                    throw new InvalidOperationException($"not approved: {approval.Why}");
                }
            }
            else if (state == RecoveryState.Completed)
            {
                var done = Stopwatch.GetTimestamp();
                var status = (await mediator.Send(new GetRecoveryStatus(id)))!;
                return (Stopwatch.GetElapsedTime(started, done), Stopwatch.GetElapsedTime(approved!.Value, done), status.Report.Phases);
            }
            else if (state is RecoveryState.Failed or RecoveryState.Aborted)
            {
                throw new InvalidOperationException($"recovery {id} ended {state}: {(await store.FindAsync(id, CancellationToken.None))!.Trouble}");
            }
        }
    }

    /// <summary>
    /// CPU of the bot while one restore is in progress and nothing else happens: the restored server is held in
    /// recovery for about <paramref name="hold"/> by <c>recovery_min_apply_delay</c> (honoured by archive recovery
    /// too), written into the base backup's configuration, so call this after the paired runs.
    /// </summary>
    /// <returns>
    /// The bot process's CPU time over the wall time: first with no recovery open (the baseline of the same
    /// run), then while the restore was replaying.
    /// </returns>
    public async Task<(double Idle, double Restoring)> IdleCpuShareWhileRestoringAsync(string baseBackup, DateTimeOffset target, TimeSpan hold)
    {
        var idle = await CpuShareOverAsync(hold - (2 * Settle));
        var delay = DateTimeOffset.UtcNow - target + hold;
        var configuration = Path.Combine(baseBackup, "postgresql.auto.conf");
        var original = await File.ReadAllTextAsync(configuration);
        await File.AppendAllTextAsync(configuration, $"recovery_min_apply_delay = '{(long)delay.TotalMilliseconds}'\n");

        var mediator = app.Services.GetRequiredService<IMediator>();
        var store = app.Services.GetRequiredService<IRecoveryStore>();
        var id = (await mediator.Send(new StartRecovery("bench", RecoveryTarget.At(target), Person, "bench"))).Recovery!.Id;
        await mediator.Send(new ActOnRecovery(id, new PersonAction(RecoveryTrigger.Confirm, Person)));

        // Let the copy and the start finish, then measure while the server waits to apply the commits.
        await Task.Delay(Settle);
        var restoring = await CpuShareOverAsync(hold - (2 * Settle));
        var state = (await store.FindAsync(id, CancellationToken.None))!.State;
        await mediator.Send(new ActOnRecovery(id, new PersonAction(RecoveryTrigger.Abort, Person)));
        await app.Services.GetRequiredKeyedService<IDatabaseRestorer>("bench").DeleteAsync(RestoreAttempt.IdentifierFor(id, 1), CancellationToken.None);
        await File.WriteAllTextAsync(configuration, original);
        return state == RecoveryState.Restoring
            ? (idle, restoring)
            : throw new InvalidOperationException($"the restore was not held in recovery: the recovery is {state}");
    }

    private static async Task<double> CpuShareOverAsync(TimeSpan period)
    {
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var wall = Stopwatch.GetTimestamp();
        await Task.Delay(period);
        process.Refresh();
        return (process.TotalProcessorTime - cpu) / Stopwatch.GetElapsedTime(wall);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        await slack.DisposeAsync();
    }
}

internal sealed record ServedRun(TimeSpan ToAvailable, TimeSpan ToAwaitingApproval, long Rows, TimeSpan NoticedAfterReplayEnded, double CpuShare);
