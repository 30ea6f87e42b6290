using System.Globalization;
using Pitr.Domain.Ports;

namespace Pitr.Adapters.Local;

/// <summary>
/// Reads the archived WAL since the oldest base backup and finds the committed transactions that
/// dropped or truncated tables or deleted many rows; proposes the microsecond before each commit,
/// which recovers everything it removed and loses nothing committed earlier.
/// </summary>
/// <param name="restoreFrom">The restore a cutover made production, whose timeline is read instead of the source's.</param>
internal sealed class WalRecoveryPointAdvisor(string database, LocalEngineOptions options, PostgresInstallation installation, string? restoreFrom = null)
    : IRecoveryPointAdvisor
{
    private static readonly string[] ResourceManagers = ["Transaction", "Heap", "Storage"];

    private readonly RelationNames names = new(options.SourceConnectionString);

    private LocalLineage Lineage => new(database, restoreFrom, options.Timeline);

    public IRecoveryPointAdvisor From(string production) =>
        production == Lineage.Production ? this
            : new WalRecoveryPointAdvisor(database, options, installation, production == database ? null : production);

    public async ValueTask<IReadOnlyList<RecoveryPointSuggestion>> SuggestAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        var backups = BaseBackup.FindAll(options.BaseBackupDir, options.WalArchiveDir);
        var archive = new WalArchive(installation, options.WalArchiveDir);
        var timeline = backups.Count > 0 ? Lineage.Follow(backups).Timeline : options.Timeline ?? 1;
        var segments = archive.Segments(timeline);
        var first = backups.Count > 0 ? WalSegment.Parse(backups[0].StartSegment)?.Number ?? 0 : 0;

        var deletes = new Dictionary<uint, Dictionary<string, int>>();
        var createdFiles = new HashSet<uint>();
        var found = new List<Destructive>();

        // pg_waldump reads one timeline at a time: walk each run of consecutive segments of one timeline.
        foreach (var run in Runs(segments.Where(s => s.Number >= first)))
        {
            await archive.DumpAsync(run[0], run[^1], ResourceManagers, record =>
            {
                switch (record.ResourceManager)
                {
                    case "Heap" when record.Description.StartsWith("DELETE ", StringComparison.Ordinal) && record.Relation is { } relation:
                        var counts = deletes.TryGetValue(record.TransactionId, out var c) ? c : deletes[record.TransactionId] = [];
                        counts[relation] = counts.GetValueOrDefault(relation) + 1;
                        break;
                    case "Storage" when record.Description.StartsWith("CREATE ", StringComparison.Ordinal):
                        createdFiles.Add(record.TransactionId);
                        break;
                    case "Transaction" when record.IsCommit:
                        if (Judge(record, since, deletes, createdFiles) is { } destructive)
                        {
                            found.Add(destructive);
                        }

                        deletes.Remove(record.TransactionId);
                        createdFiles.Remove(record.TransactionId);
                        break;
                }
            }, cancellationToken);
        }

        // Names last, in one pass: the source is asked once per database, not once per record.
        var known = await names.NameAsync(found.SelectMany(d => d.Relations), cancellationToken);
        return [.. found.Select(d => d.Suggest(relation => known.GetValueOrDefault(relation) ?? FileNumber(relation)))];
    }

    private Destructive? Judge(WalRecord commit, DateTimeOffset since, Dictionary<uint, Dictionary<string, int>> deletes, HashSet<uint> createdFiles)
    {
        if (commit.CommittedAt is not { } at || at < since)
        {
            return null;
        }

        var dropped = commit.DroppedRelations;

        // A commit that removes relation files without creating any dropped them; with new files it truncated or rewrote them.
        (string Verb, IReadOnlyList<string> Relations)? drop = dropped.Count == 0 ? null : (createdFiles.Contains(commit.TransactionId) ? "TRUNCATE or rewrite of " : "DROP of ", dropped);
        var deleted = deletes.TryGetValue(commit.TransactionId, out var counts)
            ? counts.Where(c => c.Value >= options.SuggestMinDeletedRows).ToList()
            : [];
        return drop is null && deleted.Count == 0 ? null : new Destructive(commit.TransactionId, at, drop, deleted);
    }

    /// <summary>"base/5/16388" or "1663/5/16388" → "relation 16388 (database oid 5)": what the WAL alone can say.</summary>
    private static string FileNumber(string relation)
    {
        var parts = relation.Split('/');
        return parts.Length == 3 ? $"relation {parts[2]} (database oid {parts[1]})" : relation;
    }

    /// <summary>A destructive transaction, described once its relations have names.</summary>
    private sealed record Destructive(uint TransactionId, DateTimeOffset CommittedAt, (string Verb, IReadOnlyList<string> Relations)? Drop, List<KeyValuePair<string, int>> Deleted)
    {
        public IEnumerable<string> Relations => (Drop?.Relations ?? []).Concat(Deleted.Select(d => d.Key));

        public RecoveryPointSuggestion Suggest(Func<string, string> name)
        {
            var what = new List<string>();
            if (Drop is { } drop)
            {
                what.Add(drop.Verb + string.Join(", ", drop.Relations.Select(name)));
            }

            what.AddRange(Deleted.Select(d => $"DELETE of {d.Value.ToString("N0", CultureInfo.InvariantCulture)} rows from {name(d.Key)}"));
            return new RecoveryPointSuggestion(CommittedAt, CommittedAt.AddTicks(-10), TransactionId, string.Join("; ", what));
        }
    }

    private static IEnumerable<IReadOnlyList<WalSegment>> Runs(IEnumerable<WalSegment> segments)
    {
        var run = new List<WalSegment>();
        foreach (var segment in segments)
        {
            if (run.Count > 0 && (segment.Timeline != run[^1].Timeline || segment.Number != run[^1].Number + 1))
            {
                yield return run;
                run = [];
            }

            run.Add(segment);
        }

        if (run.Count > 0)
        {
            yield return run;
        }
    }
}
