using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace Pitr.Adapters.Local;

/// <summary>
/// One PostgreSQL server over a data directory: started on a free port with its own socket
/// directory, stopped with <c>pg_ctl</c>. Disposing stops it; the data directory stays.
/// </summary>
/// <param name="listenAddress">Where it accepts TCP connections; loopback unless told otherwise.</param>
public sealed class PostgresServer(PostgresInstallation installation, string dataDirectory, string listenAddress = PostgresServer.Host) : IAsyncDisposable
{
    public const string Host = "127.0.0.1";
    public const string Superuser = "postgres";

    private const int StartAttempts = 3;

    /// <summary>How often a starting server's <c>postmaster.pid</c> is read: a small file, while nothing else can happen.</summary>
    private static readonly TimeSpan ReadyCheck = TimeSpan.FromMilliseconds(10);

    public PostgresInstallation Installation { get; } = installation;

    public string DataDirectory { get; } = Path.GetFullPath(dataDirectory);

    /// <summary>The port it listens on once started, or read from a running server's <c>postmaster.pid</c> (0 when unknown).</summary>
    public int Port { get; private set; } = PostmasterPidFile.Read(Path.GetFullPath(dataDirectory))?.Port ?? 0;

    /// <summary>
    /// The server's private Unix socket directory: short (socket paths are limited to ~100 bytes) and
    /// derived from the data directory, so that a later process finds the same one.
    /// </summary>
    public string SocketDirectory { get; } = Path.Combine(Path.GetTempPath(),
        "pitr-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(dataDirectory))))[..12]);

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

        var file = Path.Combine(DataDirectory, "postgresql.auto.conf");
        var existed = File.Exists(file);
        await File.AppendAllTextAsync(file, lines.ToString(), cancellationToken);
        if (!existed)
        {
            await Installation.GiveAsync(file, cancellationToken);
        }
    }

    /// <summary>Starts the server on <paramref name="port"/>, or on a free loopback port when 0, and waits until it accepts connections.</summary>
    /// <param name="started">Told the process group of <c>pg_ctl</c> (the server itself leads a session of its own).</param>
    public async Task StartAsync(int port = 0, Action<int>? started = null, CancellationToken cancellationToken = default)
    {
        await Installation.PrepareDirectoryAsync(SocketDirectory, cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            var candidate = port != 0 ? port : FreePort();
            try
            {
                await LaunchAsync(candidate, started, cancellationToken);
                Port = candidate;
                return;
            }
            catch (ExternalToolException) when (port == 0 && attempt < StartAttempts && LogMentions("could not create any TCP/IP sockets"))
            {
                // Somebody took the port between our probe and the server's bind: pick another one.
            }
        }
    }

    /// <summary>
    /// <c>pg_ctl start -w</c>, answered as soon as <c>postmaster.pid</c> says the server takes connections: pg_ctl looks
    /// only every 100 ms and is left to see the same a moment later. Until then a cancellation stops pg_ctl and the
    /// server it started; from then on the server is on its own.
    /// </summary>
    private async Task LaunchAsync(int port, Action<int>? started, CancellationToken cancellationToken)
    {
        var launchedAt = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var stopping = new CancellationTokenSource();
        var cancelled = cancellationToken.Register(stopping.Cancel);
        var pgCtl = Installation.RunAsync("pg_ctl",
            ["start", "-w", "-t", "120", "-D", DataDirectory, "-l", LogFile,
             "-o", $"-p {port} -k {SocketDirectory} -c listen_addresses={listenAddress}"],
            stopping.Token, started);
        _ = pgCtl.ContinueWith(
            finished =>
            {
                _ = finished.Exception;
                cancelled.Dispose();
                stopping.Dispose();
            },
            CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);

        while (!pgCtl.IsCompleted && !cancellationToken.IsCancellationRequested)
        {
            // A second's margin: the start time is whole seconds; an earlier postmaster's file is older still.
            if (PostmasterPidFile.Read(DataDirectory) is { AcceptsConnections: true } pid && pid.Port == port && pid.StartedAtUnixSeconds >= launchedAt - 1)
            {
                await cancelled.DisposeAsync();
                return;
            }

            await Task.WhenAny(pgCtl, Task.Delay(ReadyCheck, CancellationToken.None));
        }

        await pgCtl;
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

        if (Directory.Exists(SocketDirectory))
        {
            Directory.Delete(SocketDirectory, recursive: true);
        }
    }

    /// <summary>An Npgsql connection string for the superuser over TCP loopback.</summary>
    public string ConnectionString(string database = "postgres") =>
        $"Host={Host};Port={Port};Username={Superuser};Database={database};Pooling=false";

    /// <summary>
    /// A connection string over the private Unix socket, for a role the server trusts there. Our own statements use
    /// only built-in types, so the type catalogue of each new server is not loaded first.
    /// </summary>
    public string SocketConnectionString(string user, string database) =>
        $"Host={SocketDirectory};Port={Port};Username={user};Database={database};Pooling=false;Timeout=5;Server Compatibility Mode=NoTypeLoading";

    /// <summary>The last FATAL or PANIC line of the server's log: why it stopped or refused to start.</summary>
    public string? LastFatalMessage()
    {
        if (!File.Exists(LogFile))
        {
            return null;
        }

        using var stream = new FileStream(LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        string? fatal = null;
        while (reader.ReadLine() is { } line)
        {
            var at = Math.Max(line.IndexOf("FATAL:", StringComparison.Ordinal), line.IndexOf("PANIC:", StringComparison.Ordinal));
            if (at >= 0)
            {
                fatal = line[at..].Trim();
            }
        }

        return fatal;
    }

    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None);

    private bool LogMentions(string text) =>
        LastFatalMessage()?.Contains(text, StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>A loopback port nobody listens on right now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
