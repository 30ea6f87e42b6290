using Npgsql;
using Pitr.Domain;
using Pitr.Domain.Ports;
using Pitr.Domain.Readiness;

namespace Pitr.Adapters.Local;

/// <summary>
/// Makes a restored server that became production recoverable: it archives its WAL into the engine's
/// archive again (on its own, new timeline, with its history file), and a fresh base backup of it joins the
/// engine's backups. From then on the newest backup's timeline is the one restores follow: the next
/// recovery restores from this server, and its window starts at this backup.
/// </summary>
internal sealed class ProductionProtection(LocalEngineOptions options, PostgresInstallation installation)
{
    private const string Marker = "pitr_production";

    public async Task<ProtectionReport> ProtectAsync(string identifier, PostgresServer server, CancellationToken cancellationToken)
    {
        await ArchiveAsync(server, cancellationToken);
        await CopyHistoryAsync(server, cancellationToken);
        var backup = await BackUpAsync(identifier, server, cancellationToken);
        return new ProtectionReport(
        [
            new ReadinessItem("WAL archiving", true, $"archiving into {options.WalArchiveDir}", "on", null),
            new ReadinessItem("Base backup", true, $"{backup.Directory} (timeline {backup.Timeline}, ended {TimeFormat.Utc(backup.StopTime)})", "a backup of the new production", null),
        ]);
    }

    /// <summary>Whether a base backup is one this class took of a restore that became production (named after the restore).</summary>
    public static bool IsRestoreBackup(BaseBackup backup) => File.Exists(Path.Combine(backup.Directory, Marker));

    /// <summary>Restored servers start with a do-nothing archive command (archive_mode cannot change without a restart); production gets the real one on a reload.</summary>
    private async Task ArchiveAsync(PostgresServer server, CancellationToken cancellationToken)
    {
        var command = $"test ! -f \"{options.WalArchiveDir}/%f\" && cp \"%p\" \"{options.WalArchiveDir}/%f\"";
        await using var connection = new NpgsqlConnection(server.SocketConnectionString(options.Superuser, options.Database));
        await connection.OpenAsync(cancellationToken);
        await using (var set = new NpgsqlCommand($"ALTER SYSTEM SET archive_command = '{command.Replace("'", "''", StringComparison.Ordinal)}'", connection))
        {
            await set.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var reload = new NpgsqlCommand("SELECT pg_reload_conf()", connection);
        await reload.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The history file written at promotion was not archived then; restores along the new timeline need it.</summary>
    private async Task CopyHistoryAsync(PostgresServer server, CancellationToken cancellationToken)
    {
        foreach (var history in Directory.GetFiles(Path.Combine(server.DataDirectory, "pg_wal"), "*.history"))
        {
            var archived = Path.Combine(options.WalArchiveDir, Path.GetFileName(history));
            if (!File.Exists(archived))
            {
                await installation.RunAsAsync("cp", [history, archived], cancellationToken);
            }
        }
    }

    /// <summary>A base backup named after the restore; a leftover without its end in the archive is taken again.</summary>
    private async Task<BaseBackup> BackUpAsync(string identifier, PostgresServer server, CancellationToken cancellationToken)
    {
        var target = Path.Combine(options.BaseBackupDir, identifier);
        if (BaseBackup.FindAll(options.BaseBackupDir, options.WalArchiveDir).FirstOrDefault(b => b.Directory == target) is { } done)
        {
            return done;
        }

        if (Directory.Exists(target))
        {
            Directory.Delete(target, recursive: true);
        }

        await installation.RunAsync("pg_basebackup",
            ["-h", server.SocketDirectory, "-p", server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
             "-U", options.Superuser, "-D", target, "-Fp", "-X", "none", "-c", "fast", "--no-sync"],
            cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(target, Marker), identifier, cancellationToken);
        await SwitchWalAsync(server, cancellationToken);
        return BaseBackup.FindAll(options.BaseBackupDir, options.WalArchiveDir).FirstOrDefault(b => b.Directory == target)
            ?? throw new InvalidOperationException($"The base backup {target} was taken, but its end never reached the archive {options.WalArchiveDir}.");
    }

    /// <summary>Closes the segment holding the backup's end and waits until it is archived: only then can a restore start from the backup.</summary>
    private async Task SwitchWalAsync(PostgresServer server, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(server.SocketConnectionString(options.Superuser, options.Database));
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT pg_walfile_name(pg_switch_wal())", connection);
        var segment = (string)(await command.ExecuteScalarAsync(cancellationToken))!;
        while (!File.Exists(Path.Combine(options.WalArchiveDir, segment)))
        {
            await Task.Delay(50, cancellationToken);
        }
    }
}
