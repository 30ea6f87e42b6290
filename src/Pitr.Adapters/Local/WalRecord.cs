using System.Globalization;
using System.Text.RegularExpressions;

namespace Pitr.Adapters.Local;

/// <summary>One line of <c>pg_waldump</c> output: which resource manager, which transaction, where, and what.</summary>
internal sealed partial record WalRecord(string ResourceManager, uint TransactionId, string Lsn, string Description)
{
    public static WalRecord? Parse(string line)
    {
        var match = RecordLine().Match(line);
        return match.Success
            ? new WalRecord(match.Groups[1].Value, uint.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture), match.Groups[3].Value, match.Groups[4].Value)
            : null;
    }

    public bool IsCommit => ResourceManager == "Transaction" && Description.StartsWith("COMMIT ", StringComparison.Ordinal);

    /// <summary>The commit time of a COMMIT record ("COMMIT 2024-05-01 10:32:15.123456 UTC; rels: ...").</summary>
    public DateTimeOffset? CommittedAt
    {
        get
        {
            if (!IsCommit)
            {
                return null;
            }

            var stamp = Description["COMMIT ".Length..].Split(';', 2)[0].Trim();
            var space = stamp.LastIndexOf(' ');
            return space > 0 ? PostgresTime.Parse(stamp[..space], stamp[(space + 1)..]) : null;
        }
    }

    /// <summary>The relation files a commit removed (DROP, TRUNCATE, rewrites): "rels: base/5/16388 base/5/16391".</summary>
    public IReadOnlyList<string> DroppedRelations
    {
        get
        {
            var part = Description.Split("; ").FirstOrDefault(p => p.StartsWith("rels: ", StringComparison.Ordinal));
            return part is null ? [] : part["rels: ".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        }
    }

    /// <summary>The relation a heap record touched, as "1663/5/16392" (tablespace/database/file node).</summary>
    public string? Relation
    {
        get
        {
            var match = BlockReference().Match(Description);
            return match.Success ? match.Groups[1].Value : null;
        }
    }

    [GeneratedRegex(@"^rmgr: (\w+)\s+len \(rec/tot\):\s*\d+/\s*\d+, tx:\s*(\d+), lsn: ([0-9A-F]+/[0-9A-F]+), prev [0-9A-F]+/[0-9A-F]+, desc: (.*)$")]
    private static partial Regex RecordLine();

    [GeneratedRegex(@"blkref #0: rel (\d+/\d+/\d+)")]
    private static partial Regex BlockReference();
}
