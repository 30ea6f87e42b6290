using System.Diagnostics;
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
    private readonly Process holder;
    private readonly int sharedBy;
    private TimeSpan offset;

    private FakeWallClock(string directory, Process holder, int sharedBy) => (this.directory, this.holder, this.sharedBy) = (directory, holder, sharedBy);

    private string OffsetFile => Path.Combine(directory, "offset");

    public static FakeWallClock Start()
    {
        if (!OperatingSystem.IsLinux() || !File.Exists(Library))
        {
            throw new InvalidOperationException($"{Library} is missing: apt-get install libfaketime (bash .ci/run installs it)");
        }

        var directory = Directory.CreateTempSubdirectory("pitr-clock-").FullName;
        var offsetFile = Path.Combine(directory, "offset");
        File.WriteAllText(offsetFile, "+0\n");

        // Read by the postgres user too (servers run as postgres).
        File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);

        // Every process on this clock shares one libfaketime semaphore and segment, named after the process that made
        // them. Made by a root process they are closed to the servers and tools run as postgres, so a process run as
        // postgres makes them and holds them for the test.
        var holder = Process.Start(new ProcessStartInfo("runuser",
            ["-u", "postgres", "--", "env", $"LD_PRELOAD={Library}", $"FAKETIME_TIMESTAMP_FILE={offsetFile}", "sleep", "3600"]))!;
        var sharedBy = WaitForChildOf(holder.Id);
        return new FakeWallClock(directory, holder, sharedBy);
    }

    /// <summary>The variables that make a process and its children read this clock.</summary>
    public IReadOnlyDictionary<string, string?> Environment => new Dictionary<string, string?>
    {
        ["LD_PRELOAD"] = Library,
        ["FAKETIME_TIMESTAMP_FILE"] = OffsetFile,
        ["FAKETIME_CACHE_DURATION"] = RereadSeconds.ToString(CultureInfo.InvariantCulture),
        ["DONT_FAKE_MONOTONIC"] = "1",
        ["FAKETIME_SHARED"] = $"/faketime_sem_{sharedBy} /faketime_shm_{sharedBy}",
    };

    /// <summary>Moves the wall clock of every process on this clock forward, and waits until they have all read it.</summary>
    public async Task AdvanceAsync(TimeSpan by, CancellationToken cancellationToken)
    {
        offset += by;
        await File.WriteAllTextAsync(OffsetFile, $"+{(long)offset.TotalSeconds}\n", cancellationToken);
        await Task.Delay(TimeSpan.FromSeconds(2 * RereadSeconds), cancellationToken);
    }

    public void Dispose()
    {
        holder.Kill(entireProcessTree: true);
        holder.WaitForExit();
        holder.Dispose();

        // Killed, the holder leaves its semaphore and segment behind.
        File.Delete($"/dev/shm/sem.faketime_sem_{sharedBy}");
        File.Delete($"/dev/shm/faketime_shm_{sharedBy}");
        Directory.Delete(directory, recursive: true);
    }

    /// <summary>The process <c>runuser</c> started (it forks), once its semaphore exists.</summary>
    private static int WaitForChildOf(int parent)
    {
        for (var tries = 0; tries < 100; tries++)
        {
            foreach (var status in Directory.EnumerateDirectories("/proc").Select(d => Path.Combine(d, "status")))
            {
                if (int.TryParse(Path.GetFileName(Path.GetDirectoryName(status)), out var pid)
                    && ParentOf(status) == parent
                    && File.Exists($"/dev/shm/sem.faketime_sem_{pid}"))
                {
                    return pid;
                }
            }

            Thread.Sleep(50);
        }

        throw new InvalidOperationException("libfaketime's shared semaphore was not made within 5 s");
    }

    private static int? ParentOf(string procStatus)
    {
        try
        {
            return File.ReadLines(procStatus).FirstOrDefault(l => l.StartsWith("PPid:", StringComparison.Ordinal)) is { } line
                ? int.Parse(line["PPid:".Length..].Trim(), CultureInfo.InvariantCulture)
                : null;
        }
        catch (IOException)
        {
            // The process ended while the list was read.
            return null;
        }
    }
}
