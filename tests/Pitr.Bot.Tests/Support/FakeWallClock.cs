using System.Globalization;

namespace Pitr.Bot.Tests.Support;

/// <summary>
/// Hours that pass in seconds for the processes started with <see cref="Environment"/>: the <c>pitr</c> processes and
/// every PostgreSQL server and tool they start read the wall clock through libfaketime, from an offset file that
/// <see cref="AdvanceAsync"/> moves. The monotonic clock is left alone, so timers, timeouts and waits run in real time.
/// </summary>
internal sealed class FakeWallClock : IDisposable
{
    private const string Library = "/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1";

    // libfaketime reads the offset file again at most this often (seconds).
    private const int RereadSeconds = 1;

    private readonly string directory;
    private TimeSpan offset;

    private FakeWallClock(string directory) => this.directory = directory;

    private string OffsetFile => Path.Combine(directory, "offset");

    public static FakeWallClock Start()
    {
        if (!OperatingSystem.IsLinux() || !File.Exists(Library))
        {
            throw new InvalidOperationException($"{Library} is missing: apt-get install libfaketime (bash .ci/run installs it)");
        }

        var clock = new FakeWallClock(Directory.CreateTempSubdirectory("pitr-clock-").FullName);
        File.WriteAllText(clock.OffsetFile, "+0\n");

        // Read by the postgres user too (servers run as postgres).
        File.SetUnixFileMode(clock.directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        return clock;
    }

    /// <summary>The variables that make a process and its children read this clock.</summary>
    public IReadOnlyDictionary<string, string?> Environment => new Dictionary<string, string?>
    {
        ["LD_PRELOAD"] = Library,
        ["FAKETIME_TIMESTAMP_FILE"] = OffsetFile,
        ["FAKETIME_CACHE_DURATION"] = RereadSeconds.ToString(CultureInfo.InvariantCulture),
        ["DONT_FAKE_MONOTONIC"] = "1",
    };

    /// <summary>Moves the wall clock of every process on this clock forward, and waits until they have all read it.</summary>
    public async Task AdvanceAsync(TimeSpan by, CancellationToken cancellationToken)
    {
        offset += by;
        await File.WriteAllTextAsync(OffsetFile, $"+{(long)offset.TotalSeconds}\n", cancellationToken);
        await Task.Delay(TimeSpan.FromSeconds(2 * RereadSeconds), cancellationToken);
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);
}
