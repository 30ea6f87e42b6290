using Npgsql;

namespace Pitr.Adapters.Local;

/// <summary>
/// A new primary that archives its WAL and takes base backups, laid out as the local engine reads
/// them: <c>primary/</c>, <c>archive/</c>, <c>backups/&lt;name&gt;/</c> under one root. For the demo,
/// the benchmark and tests.
/// </summary>
public sealed class ArchivingPrimary : IAsyncDisposable
{
    private ArchivingPrimary(PostgresServer server, string root)
    {
        Server = server;
        RootDirectory = root;
    }

    public PostgresServer Server { get; }

    public string RootDirectory { get; }

    public string WalArchiveDir => Path.Combine(RootDirectory, "archive");

    public string BaseBackupDir => Path.Combine(RootDirectory, "backups");

    public static async Task<ArchivingPrimary> StartAsync(
        PostgresInstallation installation, string rootDirectory, IReadOnlyDictionary<string, string>? settings = null, CancellationToken cancellationToken = default)
    {
        var root = Path.GetFullPath(rootDirectory);
        await installation.PrepareDirectoryAsync(root, cancellationToken);
        var primary = new ArchivingPrimary(await PostgresServer.InitializeAsync(installation, Path.Combine(root, "primary"), cancellationToken), root);
        await installation.PrepareDirectoryAsync(primary.WalArchiveDir, cancellationToken);
        await installation.PrepareDirectoryAsync(primary.BaseBackupDir, cancellationToken);
        await primary.Server.ConfigureAsync(new Dictionary<string, string>
        {
            ["wal_level"] = "replica",
            ["archive_mode"] = "on",
            ["archive_command"] = $"test ! -f \"{primary.WalArchiveDir}/%f\" && cp \"%p\" \"{primary.WalArchiveDir}/%f\"",
            ["log_timezone"] = "UTC",
        }, cancellationToken);
        if (settings is not null)
        {
            await primary.Server.ConfigureAsync(settings, cancellationToken);
        }

        await primary.Server.StartAsync(cancellationToken: cancellationToken);
        return primary;
    }

    public string ConnectionString(string database = "postgres") => Server.ConnectionString(database);

    /// <summary>Takes a plain-format base backup into <c>backups/&lt;name&gt;</c> (WAL comes from the archive) and waits until its end is archived.</summary>
    public async Task<string> TakeBaseBackupAsync(string name, CancellationToken cancellationToken)
    {
        var target = Path.Combine(BaseBackupDir, name);
        await Server.Installation.RunAsync("pg_basebackup",
            ["-h", PostgresServer.Host, "-p", Server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
             "-U", PostgresServer.Superuser, "-D", target, "-Fp", "-X", "none", "-c", "fast", "--no-sync"],
            cancellationToken);
        await SwitchWalAsync(cancellationToken);
        return target;
    }

    /// <summary>Closes the current WAL segment and waits until it is in the archive, so that every commit so far can be restored to.</summary>
    public async Task SwitchWalAsync(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(ConnectionString());
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("select pg_walfile_name(pg_switch_wal())", connection);
        var segment = (string)(await command.ExecuteScalarAsync(cancellationToken))!;
        while (!File.Exists(Path.Combine(WalArchiveDir, segment)))
        {
            await Task.Delay(20, cancellationToken);
        }
    }

    /// <summary>Stops the primary and removes everything under the root: archive, backups and data.</summary>
    public async ValueTask DisposeAsync()
    {
        await Server.StopAsync();
        if (Directory.Exists(RootDirectory))
        {
            Directory.Delete(RootDirectory, recursive: true);
        }
    }
}
