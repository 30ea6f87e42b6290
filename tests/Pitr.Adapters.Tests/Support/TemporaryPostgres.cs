using Npgsql;
using Pitr.Adapters.Local;

namespace Pitr.Adapters.Tests.Support;

/// <summary>
/// A throwaway PostgreSQL server in its own temporary directory, on a free loopback port, with
/// password-less access for <c>postgres</c>. Disposing stops it and deletes the directory.
/// </summary>
/// <example><code>await using var pg = await TemporaryPostgres.StartAsync();</code></example>
public sealed class TemporaryPostgres : IAsyncDisposable
{
    private TemporaryPostgres(string root, PostgresServer server)
    {
        RootDirectory = root;
        Server = server;
    }

    /// <summary>The temporary directory holding the data directory; owned by the server's user, free for the test's own files.</summary>
    public string RootDirectory { get; }

    public PostgresServer Server { get; }

    public int Port => Server.Port;

    /// <param name="settings">Server settings (e.g. <c>wal_level</c>, <c>archive_mode</c>) written before the first start.</param>
    public static async Task<TemporaryPostgres> StartAsync(IReadOnlyDictionary<string, string>? settings = null, CancellationToken cancellationToken = default)
    {
        var root = Directory.CreateTempSubdirectory("pitr-test-").FullName;
        var installation = PostgresInstallation.Find();
        await installation.PrepareDirectoryAsync(root, cancellationToken);
        var server = await PostgresServer.InitializeAsync(installation, Path.Combine(root, "data"), cancellationToken);
        var postgres = new TemporaryPostgres(root, server);
        try
        {
            if (settings is not null)
            {
                await server.ConfigureAsync(settings, cancellationToken);
            }

            await server.StartAsync(cancellationToken: cancellationToken);
            return postgres;
        }
        catch
        {
            await postgres.DisposeAsync();
            throw;
        }
    }

    public string ConnectionString(string database = "postgres") => Server.ConnectionString(database);

    /// <summary>Runs one statement and returns the first column of the first row.</summary>
    public async Task<object?> ScalarAsync(string sql, string database = "postgres")
    {
        await using var connection = new NpgsqlConnection(ConnectionString(database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        var value = await command.ExecuteScalarAsync();
        return value is DBNull ? null : value;
    }

    public async ValueTask DisposeAsync()
    {
        await Server.StopAsync();
        if (Directory.Exists(RootDirectory))
        {
            Directory.Delete(RootDirectory, recursive: true);
        }
    }
}
