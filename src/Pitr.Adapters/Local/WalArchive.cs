namespace Pitr.Adapters.Local;

/// <summary>The archived WAL of the source server, read with <c>pg_waldump</c>.</summary>
internal sealed class WalArchive(PostgresInstallation installation, string directory)
{
    public string Directory { get; } = Path.GetFullPath(directory);

    /// <summary>Segments a recovery along <paramref name="timeline"/> can read, in order: for each position, the newest timeline up to it.</summary>
    public IReadOnlyList<WalSegment> Segments(int timeline) =>
        System.IO.Directory.Exists(Directory)
            ? System.IO.Directory.EnumerateFiles(Directory)
                .Select(f => WalSegment.Parse(Path.GetFileName(f)))
                .OfType<WalSegment>()
                .Where(s => s.Timeline <= timeline)
                .GroupBy(s => s.Number)
                .Select(g => g.MaxBy(s => s.Timeline))
                .OrderBy(s => s.Number)
                .ToList()
            : [];

    /// <summary>The newest commit in the archive along <paramref name="timeline"/>, reading backwards from the newest segment.</summary>
    public async Task<WalRecord?> LastCommitAsync(int timeline, CancellationToken cancellationToken)
    {
        var segments = Segments(timeline);
        for (var i = segments.Count - 1; i >= 0; i--)
        {
            WalRecord? last = null;
            await DumpAsync(segments[i], segments[i], ["Transaction"], r => last = r.IsCommit ? r : last, cancellationToken);
            if (last is not null)
            {
                return last;
            }
        }

        return null;
    }

    /// <summary>Hands every record of the given resource managers between two segments (inclusive) to <paramref name="onRecord"/>.</summary>
    public async Task DumpAsync(WalSegment first, WalSegment last, IReadOnlyList<string> resourceManagers, Action<WalRecord> onRecord, CancellationToken cancellationToken)
    {
        var records = 0;
        List<string> arguments = ["-p", Directory, .. resourceManagers.SelectMany(r => new[] { "-r", r }), first.Name, last.Name];
        var (exitCode, error) = await installation.StreamAsync("pg_waldump", arguments, line =>
        {
            if (WalRecord.Parse(line) is { } record)
            {
                records++;
                onRecord(record);
            }
        }, cancellationToken);

        // pg_waldump reports the end of the written WAL (zeros after the last record) as an error; only an empty read is one.
        if (exitCode != 0 && records == 0 && !error.Contains("invalid record length", StringComparison.Ordinal))
        {
            throw new ExternalToolException("pg_waldump", exitCode, error.Trim());
        }
    }
}
