namespace Pitr.Adapters.Local;

/// <summary>
/// The PostgreSQL binaries on this machine and the operating-system user they run as. PostgreSQL
/// refuses to run as root, so when we are root every tool runs as <see cref="OsUser"/> through
/// <c>runuser</c>, and every directory it writes to is handed to that user.
/// </summary>
public sealed class PostgresInstallation
{
    private const string DefaultOsUser = "postgres";

    private readonly Lazy<(uint User, uint Group)> owner;

    private PostgresInstallation(string binDirectory, string? osUser)
    {
        BinDirectory = binDirectory;
        OsUser = osUser;
        owner = new(() => UnixOwnership.Of(osUser!));
    }

    public string BinDirectory { get; }

    /// <summary>The user the binaries run as, or null when they run as the current user.</summary>
    public string? OsUser { get; }

    /// <param name="binDirectory">Where <c>pg_ctl</c> lives; found when null.</param>
    /// <param name="osUser">Who runs the binaries; <c>postgres</c> when null and we are root.</param>
    public static PostgresInstallation Find(string? binDirectory = null, string? osUser = null)
    {
        var bin = string.IsNullOrWhiteSpace(binDirectory) ? FindBinDirectory() : binDirectory;
        if (!File.Exists(Path.Combine(bin, "pg_ctl")))
        {
            throw new InvalidOperationException(
                $"No PostgreSQL server binaries (pg_ctl) in {bin}. Install PostgreSQL (apt-get install -y postgresql) or set Local:BinDir.");
        }

        var user = string.IsNullOrWhiteSpace(osUser) ? (IsRoot ? DefaultOsUser : null) : osUser;
        return new PostgresInstallation(bin, user == Environment.UserName ? null : user);
    }

    /// <summary>Runs a PostgreSQL tool (<c>initdb</c>, <c>pg_ctl</c>, ...) as <see cref="OsUser"/> and returns its output.</summary>
    /// <param name="started">Told the process group the tool runs in, as soon as it runs.</param>
    public Task<string> RunAsync(string tool, IEnumerable<string> arguments, CancellationToken cancellationToken, Action<int>? started = null) =>
        RunAsAsync(Path.Combine(BinDirectory, tool), arguments, cancellationToken, started);

    /// <summary>Runs any program (<c>cp</c>, ...) as <see cref="OsUser"/>.</summary>
    public Task<string> RunAsAsync(string program, IEnumerable<string> arguments, CancellationToken cancellationToken, Action<int>? started = null) =>
        OsUser is null
            ? ProcessRunner.RunAsync(program, arguments, cancellationToken, started: started)
            : ProcessRunner.RunAsync("runuser", ["-u", OsUser, "--", program, .. arguments], cancellationToken, Path.GetFileName(program), started);

    /// <summary>Runs a PostgreSQL tool as <see cref="OsUser"/>, handing each output line to <paramref name="onLine"/>; returns its exit code and error output.</summary>
    public Task<(int ExitCode, string Error)> StreamAsync(string tool, IEnumerable<string> arguments, Action<string> onLine, CancellationToken cancellationToken)
    {
        var program = Path.Combine(BinDirectory, tool);
        return OsUser is null
            ? ProcessRunner.StreamAsync(program, arguments, onLine, cancellationToken)
            : ProcessRunner.StreamAsync("runuser", ["-u", OsUser, "--", program, .. arguments], onLine, cancellationToken);
    }

    /// <summary>Hands a file or directory we wrote to <see cref="OsUser"/>.</summary>
    public Task GiveAsync(string path, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (OsUser is not null)
        {
            UnixOwnership.Give(path, owner.Value);
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Creates <paramref name="path"/> owned by <see cref="OsUser"/> and makes every parent traversable,
    /// so that the server can reach it.
    /// </summary>
    public async Task PrepareDirectoryAsync(string path, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(full);
        if (OsUser is null || OperatingSystem.IsWindows())
        {
            return;
        }

        for (var parent = Path.GetDirectoryName(full); parent is not null; parent = Path.GetDirectoryName(parent))
        {
            var mode = File.GetUnixFileMode(parent);
            if (!mode.HasFlag(UnixFileMode.OtherExecute))
            {
                File.SetUnixFileMode(parent, mode | UnixFileMode.OtherExecute);
            }
        }

        await GiveAsync(full, cancellationToken);
    }

    private static bool IsRoot => Environment.UserName == "root";

    private static string FindBinDirectory()
    {
        string[] patterns = ["/usr/lib/postgresql", "/usr/pgsql-", "/opt/homebrew/opt/postgresql@", "/usr/local/opt/postgresql@"];
        var versioned = patterns
            .SelectMany(prefix => Candidates(prefix))
            .Where(dir => File.Exists(Path.Combine(dir, "pg_ctl")))
            .OrderByDescending(VersionOf)
            .FirstOrDefault();
        if (versioned is not null)
        {
            return versioned;
        }

        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .FirstOrDefault(dir => File.Exists(Path.Combine(dir, "pg_ctl")));
        return onPath ?? throw new InvalidOperationException(
            "No PostgreSQL server binaries found (looked in /usr/lib/postgresql/*/bin and PATH). Install PostgreSQL (apt-get install -y postgresql) or set Local:BinDir.");
    }

    private static IEnumerable<string> Candidates(string prefix)
    {
        // "/usr/lib/postgresql" holds "<version>/bin"; the others are "<prefix><version>/bin".
        if (Directory.Exists(prefix))
        {
            return Directory.GetDirectories(prefix).Select(d => Path.Combine(d, "bin"));
        }

        var parent = Path.GetDirectoryName(prefix);
        return parent is not null && Directory.Exists(parent)
            ? Directory.GetDirectories(parent, Path.GetFileName(prefix) + "*").Select(d => Path.Combine(d, "bin"))
            : [];
    }

    private static double VersionOf(string binDirectory)
    {
        var name = Path.GetFileName(Path.GetDirectoryName(binDirectory)) ?? string.Empty;
        var digits = new string(name.SkipWhile(c => !char.IsAsciiDigit(c)).TakeWhile(c => char.IsAsciiDigit(c) || c == '.').ToArray());
        return double.TryParse(digits, System.Globalization.CultureInfo.InvariantCulture, out var version) ? version : 0;
    }
}
