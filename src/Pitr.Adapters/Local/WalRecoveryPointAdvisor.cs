using System.Globalization;
using Pitr.Domain.Ports;

namespace Pitr.Adapters.Local;

/// <summary>
/// Reads the archived WAL since the oldest base backup and finds the committed transactions that
/// dropped or truncated tables or deleted many rows; proposes the microsecond before each commit,
/// which recovers everything it removed and loses nothing committed earlier.
/// </summary>
internal sealed class WalRecoveryPointAdvisor(LocalEngineOptions options, PostgresInstallation installation) : IRecoveryPointAdvisor
{
    private static readonly string[] ResourceManagers = ["Transaction", "Heap", "Storage"];

    public async ValueTask<IReadOnlyList<RecoveryPointSuggestion>> SuggestAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        var backups = BaseBackup.FindAll(options.BaseBackupDir, options.WalArchiveDir);
        var archive = new WalArchive(installation, options.WalArchiveDir);
        var timeline = options.Timeline ?? (backups.Count > 0 ? backups[^1].Timeline : 1);
        var segments = archive.Segments(timeline);
        var first = backups.Count > 0 ? WalSegment.Parse(backups[0].StartSegment)?.Number ?? 0 : 0;

        var deletes = new Dictionary<uint, Dictionary<string, int>>();
        var createdFiles = new HashSet<uint>();
        var suggestions = new List<RecoveryPointSuggestion>();

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
                        Judge(record, since, deletes, createdFiles, suggestions);
                        deletes.Remove(record.TransactionId);
                        createdFiles.Remove(record.TransactionId);
                        break;
                }
            }, cancellationToken);
        }

        return suggestions;
    }

    private void Judge(WalRecord commit, DateTimeOffset since, Dictionary<uint, Dictionary<string, int>> deletes, HashSet<uint> createdFiles, List<RecoveryPointSuggestion> suggestions)
    {
        if (commit.CommittedAt is not { } at || at < since)
        {
            return;
        }

        var what = new List<string>();
        var dropped = commit.DroppedRelations;
        if (dropped.Count > 0)
        {
            // A commit that removes relation files without creating any dropped them; with new files it truncated or rewrote them.
            what.Add((createdFiles.Contains(commit.TransactionId) ? "TRUNCATE or rewrite of " : "DROP of ") + string.Join(", ", dropped.Select(Describe)));
        }

        if (deletes.TryGetValue(commit.TransactionId, out var counts))
        {
            what.AddRange(counts.Where(c => c.Value >= options.SuggestMinDeletedRows)
                .Select(c => $"DELETE of {c.Value.ToString("N0", CultureInfo.InvariantCulture)} rows from {Describe(c.Key)}"));
        }

        if (what.Count > 0)
        {
            suggestions.Add(new RecoveryPointSuggestion(at, at.AddTicks(-10), commit.TransactionId, string.Join("; ", what)));
        }
    }

    /// <summary>"base/5/16388" or "1663/5/16388" → "relation 16388 in database 5" (names live in the catalog, which the WAL does not carry).</summary>
    private static string Describe(string relation)
    {
        var parts = relation.Split('/');
        return parts.Length == 3 ? $"relation {parts[2]} (database oid {parts[1]})" : relation;
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
