using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Npgsql;
using Pitr.Domain;
using Pitr.Domain.Ports;

namespace Pitr.Adapters.Local;

/// <summary>
/// Restores a PostgreSQL server of our own to a point in time: the newest base backup that ended
/// before the target is copied into its own directory, replays the archived WAL up to the target and
/// pauses there, read-only, on a port of its own. A later target replays the same server on; the
/// cutover promotes it. Each restore is a directory under WorkDir named by its identifier, which is
/// what makes every call idempotent.
/// </summary>
internal sealed partial class LocalRestorer(
    string database,
    LocalEngineOptions options,
    PostgresInstallation installation,
    TimeProvider clock,
    ILogger<LocalRestorer> logger,
    string? restoreFrom = null,
    SemaphoreSlim? sharedChanges = null) : IDatabaseRestorer, IDisposable
{
    private const string DataDirectoryName = "data";
    private static readonly string[] RecoveryTargetKeys = ["recovery_target_time", "recovery_target_lsn", "recovery_target_xid", "recovery_target_name"];
    private readonly WalArchive archive = new(installation, options.WalArchiveDir);
    private readonly SemaphoreSlim changes = sharedChanges ?? new(1, 1);

    public async ValueTask<RestorableWindow> GetRestorableWindowAsync(CancellationToken cancellationToken) =>
        (await ReadSourceAsync(cancellationToken)).Window;

    public ValueTask<SourceDescription> DescribeSourceAsync(CancellationToken cancellationToken)
    {
        var (backups, timeline) = Lineage.Follow(BaseBackup.FindAll(options.BaseBackupDir, options.WalArchiveDir));
        var oldest = backups.Count > 0 ? backups[0].StopTime : (DateTimeOffset?)null;
        return ValueTask.FromResult(new SourceDescription(
            Lineage.Production,
            Endpoint: null,
            BackupRetentionDays: oldest is { } o ? (int)(clock.GetUtcNow() - o).TotalDays : 0,
            DeletionProtection: null,
            new Dictionary<string, string>
            {
                ["engine"] = "local",
                ["baseBackups"] = backups.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["oldestBackupEnded"] = oldest is { } first ? TimeFormat.Utc(first) : "none",
                ["newestBackupEnded"] = backups.Count > 0 ? TimeFormat.Utc(backups[^1].StopTime) : "none",
                ["walArchive"] = archive.Directory,
                ["timeline"] = timeline.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["binDir"] = installation.BinDirectory,
            }));
    }

    public async ValueTask StartRestoreAsync(RestoreRequest request, CancellationToken cancellationToken)
    {
        var directory = RestoreDirectory(request.Identifier);
        await changes.WaitAsync(cancellationToken);
        try
        {
            // The lock lives beside the restore's directory: the work directory must exist before the first restore.
            await installation.PrepareDirectoryAsync(Path.GetFullPath(options.WorkDir), cancellationToken);
            using var writer = await RestoreWriterLock.AcquireAsync(LockFile(directory), clock, cancellationToken);
            var manifest = await RestoreManifest.ReadAsync(directory, cancellationToken);
            var server = ServerIn(directory);
            if (manifest is { Configured: true })
            {
                LogResuming(request.Identifier);
                if (!await server.IsRunningAsync(cancellationToken))
                {
                    await StartServerAsync(request.Identifier, server, writer, cancellationToken);
                }

                return;
            }

            var source = await ReadSourceAsync(cancellationToken);
            if (!source.Window.Contains(request.Target))
            {
                throw new RestoreRefusedException(
                    $"{TimeFormat.Utc(request.Target)} is outside the restorable window of {database} ({source.Window}).", source.Window);
            }

            if (Directory.Exists(directory))
            {
                // A copy that was interrupted before it was configured: start it again from scratch.
                Directory.Delete(directory, recursive: true);
            }

            // The consistency point is known to the second only, hence the second's margin.
            var backup = source.Backups.Last(b => b.StopTime.AddSeconds(1) <= request.Target);
            LogRestoring(request.Identifier, TimeFormat.Utc(request.Target), backup.Directory, source.Timeline);
            await installation.PrepareDirectoryAsync(directory, cancellationToken);
            manifest = new RestoreManifest(request.Identifier, request.Target, backup.Directory, source.Timeline, Configured: false);
            await manifest.WriteAsync(directory, cancellationToken);

            await CopyAsync(backup.Directory, server.DataDirectory, writer, cancellationToken);
            await ConfigureRecoveryAsync(directory, server, request.Target, source, cancellationToken);
            await (manifest with { Configured = true }).WriteAsync(directory, cancellationToken);
            await StartServerAsync(request.Identifier, server, writer, cancellationToken);
        }
        finally
        {
            changes.Release();
        }
    }

    public async ValueTask<RestoreStatus> GetRestoreStatusAsync(string identifier, CancellationToken cancellationToken)
    {
        var directory = RestoreDirectory(identifier);
        if (!Directory.Exists(directory))
        {
            return new RestoreStatus(RestorePhase.NotFound);
        }

        var server = ServerIn(directory);
        if (server.Port == 0)
        {
            // No postmaster.pid: nothing to connect to.
            return await NotAnsweringAsync(directory, server, cancellationToken);
        }

        try
        {
            // The open connection is what says the server runs: no process is started while a restore is watched.
            await using var connection = new NpgsqlConnection(server.SocketConnectionString(options.Superuser, options.Database));
            await connection.OpenAsync(cancellationToken);

            // The server is ours to watch: answer the moment replay ends, and ask to be asked again at once.
            var endpoint = new DatabaseEndpoint(identifier, EndpointHost, server.Port, options.Database);
            using var log = new ServerLogWrites(server.LogFile);
            return await ReplayWatch.WatchAsync(connection, log, ReplayWatch.Bound, clock, cancellationToken) switch
            {
                ReplayState.Paused => new RestoreStatus(RestorePhase.Available, endpoint) { Location = server.DataDirectory, PausedAtTarget = true },
                ReplayState.Promoted => new RestoreStatus(RestorePhase.Available, endpoint) { Location = server.DataDirectory },
                _ => new RestoreStatus(RestorePhase.Creating, Detail: "replaying archived WAL") { RecheckAfter = TimeSpan.Zero },
            };
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.CannotConnectNow)
        {
            return new RestoreStatus(RestorePhase.Creating, Detail: "starting up") { RecheckAfter = ReplayWatch.StartingUpRecheck };
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException && !cancellationToken.IsCancellationRequested)
        {
            return await NotAnsweringAsync(directory, server, cancellationToken);
        }
    }

    /// <summary>
    /// Replays a restore paused at its target on to a later target: stopped, retargeted in its own configuration and
    /// started again, it goes on from its last restartpoint. The manifest records the new target once it is
    /// configured, so a call repeated after a crash only makes sure the server runs.
    /// </summary>
    public async ValueTask ContinueRestoreAsync(RestoreRequest request, CancellationToken cancellationToken)
    {
        var directory = RestoreDirectory(request.Identifier);
        await changes.WaitAsync(cancellationToken);
        try
        {
            using var writer = await RestoreWriterLock.AcquireAsync(LockFile(directory), clock, cancellationToken);
            var manifest = await RestoreManifest.ReadAsync(directory, cancellationToken);
            if (manifest is not { Configured: true })
            {
                throw new InvalidOperationException($"There is no configured restore {request.Identifier} to replay on; restore anew.");
            }

            var server = ServerIn(directory);

            // The same server at the same address for whoever inspects it; after a crash any free port does.
            var port = 0;
            if (manifest.Target != request.Target)
            {
                if (request.Target < manifest.Target)
                {
                    throw new RestoreRefusedException(
                        $"{request.Identifier} has replayed to {TimeFormat.Utc(manifest.Target)}; an earlier target {TimeFormat.Utc(request.Target)} needs a new restore.");
                }

                var source = await ReadSourceAsync(cancellationToken);
                if (!source.Window.Contains(request.Target))
                {
                    throw new RestoreRefusedException(
                        $"{TimeFormat.Utc(request.Target)} is outside the restorable window of {database} ({source.Window}).", source.Window);
                }

                LogContinuing(request.Identifier, TimeFormat.Utc(manifest.Target), TimeFormat.Utc(request.Target));
                port = server.Port;
                await server.StopAsync(cancellationToken);
                await server.ConfigureAsync(TargetSettings(request.Target, source), cancellationToken);
                await (manifest with { Target = request.Target }).WriteAsync(directory, cancellationToken);
            }

            if (!await server.IsRunningAsync(cancellationToken))
            {
                await StartServerAsync(request.Identifier, server, writer, cancellationToken, port);
            }
        }
        finally
        {
            changes.Release();
        }
    }

    /// <summary>Promotes a restore paused at its target and returns once it takes writes; a promoted one is left as it is.</summary>
    public async ValueTask PromoteAsync(string identifier, CancellationToken cancellationToken)
    {
        var server = ServerIn(RestoreDirectory(identifier));
        await using var connection = new NpgsqlConnection(server.SocketConnectionString(options.Superuser, options.Database));
        await connection.OpenAsync(cancellationToken);
        if (await InRecoveryAsync(connection, cancellationToken))
        {
            await using var promote = new NpgsqlCommand("select pg_promote(wait => true, wait_seconds => 60)", connection);
            await promote.ExecuteScalarAsync(cancellationToken);
        }

        // Asked again rather than trusting pg_promote's answer: a server still in recovery is never handed to the applications.
        if (await InRecoveryAsync(connection, cancellationToken))
        {
            throw new InvalidOperationException($"{identifier} is still in recovery after promotion was asked for (log: {server.LogFile}).");
        }

        LogPromoted(identifier);
    }

    public async ValueTask DeleteAsync(string identifier, CancellationToken cancellationToken)
    {
        var directory = RestoreDirectory(identifier);
        await changes.WaitAsync(cancellationToken);
        try
        {
            if (!Directory.Exists(directory))
            {
                // Already gone, or not ours: the local engine never deletes the source it restores from.
                return;
            }

            using (await RestoreWriterLock.AcquireAsync(LockFile(directory), clock, cancellationToken))
            {
                await ServerIn(directory).StopAsync(cancellationToken);
                Directory.Delete(directory, recursive: true);
                File.Delete(LockFile(directory));
            }

            LogDeleted(identifier);
        }
        finally
        {
            changes.Release();
        }
    }

    public async ValueTask<ProtectionReport> ProtectAsync(string identifier, CancellationToken cancellationToken)
    {
        var server = ServerIn(RestoreDirectory(identifier));
        return await new ProductionProtection(options, installation).ProtectAsync(identifier, server, cancellationToken);
    }

    /// <summary>A view restoring from the restore a cutover made production; it shares this engine's lock.</summary>
    public IDatabaseRestorer From(string production) =>
        production == Lineage.Production ? this
            : new LocalRestorer(database, options, installation, clock, logger, production == database ? null : production, changes);

    public void Dispose()
    {
        if (sharedChanges is null)
        {
            changes.Dispose();
        }
    }

    private LocalLineage Lineage => new(database, restoreFrom, options.Timeline);

    private static async Task<bool> InRecoveryAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("select pg_is_in_recovery()", connection);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>The server does not answer: stopped (why, from its log), or a copy that never got configured.</summary>
    private static async Task<RestoreStatus> NotAnsweringAsync(string directory, PostgresServer server, CancellationToken cancellationToken)
    {
        if (await server.IsRunningAsync(cancellationToken))
        {
            return new RestoreStatus(RestorePhase.Creating, Detail: "starting up") { RecheckAfter = ReplayWatch.StartingUpRecheck };
        }

        // A copy that never got configured was interrupted (copies run inside StartRestoreAsync, which is
        // awaited): NotFound makes the caller start it again, and the start redoes the copy.
        return await RestoreManifest.ReadAsync(directory, cancellationToken) is { Configured: true }
            ? new RestoreStatus(RestorePhase.Failed, Detail: $"the restored server is not running: {server.LastFatalMessage() ?? "stopped"} (log: {server.LogFile})")
            : new RestoreStatus(RestorePhase.NotFound, Detail: "an interrupted copy of the base backup; starting the restore again redoes it");
    }

    private string EndpointHost => options.ListenAddress is "*" or "0.0.0.0" or "::" ? Environment.MachineName : options.ListenAddress;

    private PostgresServer ServerIn(string restoreDirectory) =>
        new(installation, Path.Combine(restoreDirectory, DataDirectoryName), options.ListenAddress);

    /// <summary>Beside the directory rather than in it: the directory itself is deleted and made again.</summary>
    private static string LockFile(string restoreDirectory) => restoreDirectory + ".lock";

    private string RestoreDirectory(string identifier) =>
        SafeIdentifier().IsMatch(identifier)
            ? Path.Combine(Path.GetFullPath(options.WorkDir), identifier)
            : throw new ArgumentException($"'{identifier}' is not a valid restore identifier (letters, digits, '-', '_', '.').", nameof(identifier));

    private async Task<SourceState> ReadSourceAsync(CancellationToken cancellationToken)
    {
        var all = BaseBackup.FindAll(options.BaseBackupDir, options.WalArchiveDir);
        if (all.Count == 0)
        {
            throw new RestoreRefusedException(
                $"{database} has no usable base backup in {options.BaseBackupDir} (each needs a backup_label, and its .backup file in {options.WalArchiveDir}).");
        }

        var (backups, timeline) = Lineage.Follow(all);
        if (backups.Count == 0)
        {
            throw new RestoreRefusedException($"{database} has no base backup on timeline {timeline} (Local:Timeline).");
        }

        var earliest = backups[0].StopTime.AddSeconds(1);
        var last = await archive.LastCommitAsync(timeline, cancellationToken);
        if (last?.CommittedAt is not { } latest || latest < earliest)
        {
            throw new RestoreRefusedException(
                $"{database} has archived no commit since its oldest base backup ended ({TimeFormat.Utc(earliest)}): " +
                "nothing to restore to yet. Has the WAL holding recent commits been archived (pg_switch_wal(), archive_timeout)?");
        }

        return new SourceState(new RestorableWindow(earliest, latest), backups, timeline, last);
    }

    private async Task CopyAsync(string backupDirectory, string dataDirectory, RestoreWriterLock writer, CancellationToken cancellationToken)
    {
        var partial = dataDirectory + ".partial";
        await installation.RunAsAsync("cp", ["-a", backupDirectory, partial], cancellationToken, writer.Started);
        Directory.Move(partial, dataDirectory);

        // Files that belong to the server the backup came from, not to a new one.
        foreach (var name in new[] { "postmaster.pid", "postmaster.opts", "standby.signal", "recovery.signal", "pitr-server.log" })
        {
            File.Delete(Path.Combine(dataDirectory, name));
        }
    }

    private async Task ConfigureRecoveryAsync(string directory, PostgresServer server, DateTimeOffset target, SourceState source, CancellationToken cancellationToken)
    {
        var data = server.DataDirectory;

        // Packaged clusters keep their configuration outside the data directory, so a backup may have none.
        var conf = Path.Combine(data, "postgresql.conf");
        if (!File.Exists(conf))
        {
            await File.WriteAllTextAsync(conf, string.Empty, cancellationToken);
            await installation.GiveAsync(conf, cancellationToken);
        }

        // Our own connections (watching the recovery) go through the private socket, which only the
        // server's OS user and root can open; every other rule is the source's own.
        var originalHba = Path.Combine(data, "pg_hba.conf");
        var hba = Path.Combine(directory, "pitr_hba.conf");
        await File.WriteAllTextAsync(hba,
            "local all all trust\nlocal replication all trust\n" + (File.Exists(originalHba)
                ? await File.ReadAllTextAsync(originalHba, cancellationToken)
                : "host all all 127.0.0.1/32 scram-sha-256\nhost all all ::1/128 scram-sha-256\n"),
            cancellationToken);
        await installation.GiveAsync(hba, cancellationToken);

        var settings = new Dictionary<string, string>
        {
            ["restore_command"] = $"cp \"{archive.Directory}/%f\" \"%p\"",
            // Paused at the target, read-only: validated there, replayed on to a later target, promoted at the cutover.
            ["recovery_target_action"] = "pause",
            // Deliberate: with "latest", a history file another restore left in the archive would steer this one.
            ["recovery_target_timeline"] = source.Timeline.ToString(System.Globalization.CultureInfo.InvariantCulture),
            // A restored server archives nothing (its history file would mislead later restores) until it becomes
            // production; archive_mode needs a restart to change, the command only a reload (ProductionProtection).
            ["archive_mode"] = "on",
            ["archive_command"] = "true",
            ["primary_conninfo"] = string.Empty,
            ["hot_standby"] = "on",
            ["logging_collector"] = "off",
            ["hba_file"] = hba,
            ["unix_socket_permissions"] = "0700",
        };

        foreach (var (key, value) in TargetSettings(target, source))
        {
            settings[key] = value;
        }

        await server.ConfigureAsync(settings, cancellationToken);
        var signal = Path.Combine(data, "recovery.signal");
        await File.WriteAllTextAsync(signal, string.Empty, cancellationToken);
        await installation.GiveAsync(signal, cancellationToken);
    }

    /// <summary>The recovery target, with every other kind of target cleared (in this order: PostgreSQL refuses a second target even when it is set to nothing).</summary>
    private static Dictionary<string, string> TargetSettings(DateTimeOffset target, SourceState source)
    {
        // No commit after the target archived yet: a time target would never be reached ("recovery ended
        // before configured recovery target was reached"); stop right after the last commit instead.
        var (targetKey, targetValue) = target >= source.LastCommit.CommittedAt
            ? ("recovery_target_lsn", source.LastCommit.Lsn)
            : ("recovery_target_time", PostgresTime.RecoveryTarget(target));

        // A backup of an earlier restore (production after a cutover), or this restore's previous target.
        var settings = RecoveryTargetKeys.Where(k => k != targetKey).ToDictionary(k => k, _ => string.Empty);
        settings[targetKey] = targetValue;
        return settings;
    }

    /// <param name="port">0: a free loopback port.</param>
    private async Task StartServerAsync(string identifier, PostgresServer server, RestoreWriterLock writer, CancellationToken cancellationToken, int port = 0)
    {
        try
        {
            await server.StartAsync(port, writer.Started, cancellationToken);
            LogStarted(identifier, server.Port);
        }
        catch (ExternalToolException e)
        {
            throw new InvalidOperationException(
                $"The restored server {identifier} did not start: {server.LastFatalMessage() ?? e.Error} (log: {server.LogFile})", e);
        }
    }

    private sealed record SourceState(RestorableWindow Window, IReadOnlyList<BaseBackup> Backups, int Timeline, WalRecord LastCommit);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$")]
    private static partial Regex SafeIdentifier();

    [LoggerMessage(LogLevel.Information, "Restoring {Identifier} to {Target} from base backup {BaseBackup} along timeline {Timeline}")]
    private partial void LogRestoring(string identifier, string target, string baseBackup, int timeline);

    [LoggerMessage(LogLevel.Information, "Restore {Identifier} already configured; making sure its server runs")]
    private partial void LogResuming(string identifier);

    [LoggerMessage(LogLevel.Information, "Restored server {Identifier} started on port {Port}; replaying archived WAL")]
    private partial void LogStarted(string identifier, int port);

    [LoggerMessage(LogLevel.Information, "Replaying restore {Identifier} on from {Previous} to {Target}, without a new copy")]
    private partial void LogContinuing(string identifier, string previous, string target);

    [LoggerMessage(LogLevel.Information, "Restored server {Identifier} promoted: it takes writes")]
    private partial void LogPromoted(string identifier);

    [LoggerMessage(LogLevel.Information, "Restored server {Identifier} stopped and its directory removed")]
    private partial void LogDeleted(string identifier);
}
