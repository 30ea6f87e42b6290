using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Pitr.Adapters.Local;

/// <summary>
/// One PostgreSQL server over a data directory: started on a free loopback port with its own socket
/// directory, stopped with <c>pg_ctl</c>. Disposing stops it; the data directory stays.
/// </summary>
public sealed class PostgresServer(PostgresInstallation installation, string dataDirectory) : IAsyncDisposable
{
    public const string Host = "127.0.0.1";
    public const string Superuser = "postgres";

    private const int StartAttempts = 3;
    private string? socketDirectory;

    public PostgresInstallation Installation { get; } = installation;

    public string DataDirectory { get; } = Path.GetFullPath(dataDirectory);

    /// <summary>The port it listens on once started (0 before).</summary>
    public int Port { get; private set; }

    public string LogFile => Path.Combine(DataDirectory, "pitr-server.log");

    /// <summary>Creates a new, empty cluster in <paramref name="dataDirectory"/> with password-less loopback access, for demos and tests.</summary>
    public static async Task<PostgresServer> InitializeAsync(PostgresInstallation installation, string dataDirectory, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(dataDirectory);
        await installation.PrepareDirectoryAsync(Path.GetDirectoryName(full)!, cancellationToken);
        await installation.RunAsync("initdb",
            ["-D", full, "-U", Superuser, "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync", "--no-instructions"],
            cancellationToken);
        return new PostgresServer(installation, full);
    }

    /// <summary>Appends settings to <c>postgresql.auto.conf</c>, which PostgreSQL reads last, so they win over anything copied from elsewhere.</summary>
    public async Task ConfigureAsync(IReadOnlyDictionary<string, string> settings, CancellationToken cancellationToken)
    {
        var lines = new StringBuilder();
        foreach (var (name, value) in settings)
        {
            lines.Append(CultureInfo.InvariantCulture, $"{name} = '{value.Replace("'", "''", StringComparison.Ordinal)}'\n");
        }

        await File.AppendAllTextAsync(Path.Combine(DataDirectory, "postgresql.auto.conf"), lines.ToString(), cancellationToken);
    }

    /// <summary>Starts the server on <paramref name="port"/>, or on a free loopback port when 0, and waits until it accepts connections.</summary>
    public async Task StartAsync(int port = 0, CancellationToken cancellationToken = default)
    {
        socketDirectory ??= Path.Combine(Path.GetTempPath(), "pitr-" + Guid.NewGuid().ToString("N")[..12]);
        await Installation.PrepareDirectoryAsync(socketDirectory, cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            var candidate = port != 0 ? port : FreePort();
            try
            {
                await Installation.RunAsync("pg_ctl",
                    ["start", "-w", "-t", "120", "-D", DataDirectory, "-l", LogFile,
                     "-o", $"-p {candidate} -k {socketDirectory} -c listen_addresses={Host}"],
                    cancellationToken);
                Port = candidate;
                return;
            }
            catch (ExternalToolException) when (port == 0 && attempt < StartAttempts && LogMentions("could not bind"))
            {
                // Somebody took the port between our probe and the server's bind: pick another one.
            }
        }
    }

    /// <summary>True when a postmaster runs over this data directory.</summary>
    public async Task<bool> IsRunningAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Installation.RunAsync("pg_ctl", ["status", "-D", DataDirectory], cancellationToken);
            return true;
        }
        catch (ExternalToolException)
        {
            return false;
        }
    }

    /// <summary>Stops the server if it runs (fast shutdown, immediate if that fails) and removes its socket directory.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (Directory.Exists(DataDirectory) && await IsRunningAsync(cancellationToken))
        {
            try
            {
                await Installation.RunAsync("pg_ctl", ["stop", "-w", "-t", "60", "-m", "fast", "-D", DataDirectory], cancellationToken);
            }
            catch (ExternalToolException)
            {
                await Installation.RunAsync("pg_ctl", ["stop", "-w", "-t", "30", "-m", "immediate", "-D", DataDirectory], cancellationToken);
            }
        }

        if (socketDirectory is not null && Directory.Exists(socketDirectory))
        {
            Directory.Delete(socketDirectory, recursive: true);
        }
    }

    /// <summary>An Npgsql connection string for the superuser over TCP loopback.</summary>
    public string ConnectionString(string database = "postgres") =>
        $"Host={Host};Port={Port};Username={Superuser};Database={database};Pooling=false";

    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None);

    private bool LogMentions(string text) =>
        File.Exists(LogFile) && File.ReadAllText(LogFile).Contains(text, StringComparison.OrdinalIgnoreCase);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
