namespace Pitr.Adapters.Local;

/// <summary>A plain-format base backup and when it became consistent.</summary>
/// <param name="StopTime">When the backup ended (from the archive's <c>.backup</c> file); a restore can land no earlier.</param>
internal sealed record BaseBackup(string Directory, string StartSegment, int Timeline, DateTimeOffset StopTime)
{
    private const string LabelFile = "backup_label";

    /// <summary>
    /// Every base backup under <paramref name="baseBackupDir"/> (the directory itself or its children)
    /// whose end is recorded in the WAL archive, oldest first. A backup without a <c>.backup</c>
    /// file has no known end, so no target can be proved to lie after it: it is left out.
    /// </summary>
    public static IReadOnlyList<BaseBackup> FindAll(string baseBackupDir, string walArchiveDir)
    {
        if (!System.IO.Directory.Exists(baseBackupDir))
        {
            return [];
        }

        IEnumerable<string> candidates = [baseBackupDir, .. System.IO.Directory.GetDirectories(baseBackupDir)];
        return candidates
            .Where(dir => File.Exists(Path.Combine(dir, LabelFile)))
            .Select(dir => Read(dir, walArchiveDir))
            .OfType<BaseBackup>()
            .OrderBy(b => b.StopTime)
            .ToList();
    }

    private static BaseBackup? Read(string directory, string walArchiveDir)
    {
        var label = Fields(File.ReadAllLines(Path.Combine(directory, LabelFile)));
        if (!label.TryGetValue("START WAL LOCATION", out var start) || !label.TryGetValue("START TIMELINE", out var timeline))
        {
            return null;
        }

        // "0/2000028 (file 000000010000000000000002)"
        var segment = start[(start.IndexOf("(file ", StringComparison.Ordinal) + 6)..].TrimEnd(')');
        var history = System.IO.Directory.Exists(walArchiveDir)
            ? System.IO.Directory.GetFiles(walArchiveDir, segment + ".*.backup")
                .FirstOrDefault(f => Fields(File.ReadAllLines(f)).GetValueOrDefault("START WAL LOCATION") == start)
            : null;
        if (history is null || !Fields(File.ReadAllLines(history)).TryGetValue("STOP TIME", out var stop))
        {
            return null;
        }

        return new BaseBackup(directory, segment, int.Parse(timeline, System.Globalization.CultureInfo.InvariantCulture), StopTimeOf(stop, history));
    }

    /// <remarks>
    /// STOP TIME is written to the second in the server's log_timezone, named by an abbreviation. When
    /// that abbreviation is ambiguous, the file's own time (written just after the backup ended) is used:
    /// a little late, which only ever narrows the window.
    /// </remarks>
    private static DateTimeOffset StopTimeOf(string stop, string historyFile)
    {
        var space = stop.LastIndexOf(' ');
        var parsed = space > 0 ? PostgresTime.Parse(stop[..space], stop[(space + 1)..]) : null;
        return parsed ?? new DateTimeOffset(File.GetLastWriteTimeUtc(historyFile), TimeSpan.Zero);
    }

    private static Dictionary<string, string> Fields(IEnumerable<string> lines) =>
        lines.Select(l => l.Split(": ", 2))
            .Where(p => p.Length == 2)
            .GroupBy(p => p[0])
            .ToDictionary(g => g.Key, g => g.First()[1].Trim());
}
