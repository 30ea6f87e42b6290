using System.Text;
using System.Text.Json.Nodes;
using Pitr.Adapters.Presentation;

namespace Pitr.Adapters.Slack.Blocks;

/// <summary>Check results as a compact monospaced table, split over sections of at most 3000 characters and cut with a note when too long.</summary>
internal static class ResultTable
{
    private const int NameWidth = 32;
    private const int ObservedWidth = 40;
    private const int ExpectedWidth = 24;
    private const string Fence = "```";

    public static IEnumerable<JsonObject> Render(IReadOnlyList<TableRow> rows, int maxBlocks, string recoveryId)
    {
        var name = Math.Min(NameWidth, rows.Max(r => r.Name.Length));
        var observed = Math.Min(ObservedWidth, rows.Max(r => r.Observed.Length));
        var lines = rows.Select(r =>
            $"{(r.Ok ? "✓" : "✗")} {Mrkdwn.Cut(r.Name, NameWidth).PadRight(name)}  {Mrkdwn.Cut(r.Observed, ObservedWidth).PadRight(observed)}  {Mrkdwn.Cut(r.Expected, ExpectedWidth)}".TrimEnd()).ToList();

        var blocks = new List<JsonObject>();
        var chunk = new StringBuilder();
        var shown = 0;
        foreach (var line in lines)
        {
            if (chunk.Length + line.Length + 1 + (2 * Fence.Length) > Block.MaxSectionText)
            {
                if (blocks.Count + 1 >= maxBlocks)
                {
                    break;
                }

                blocks.Add(Section(chunk));
                chunk.Clear();
            }

            chunk.Append(Mrkdwn.Escape(line)).Append('\n');
            shown++;
        }

        if (chunk.Length > 0)
        {
            blocks.Add(Section(chunk));
        }

        foreach (var block in blocks)
        {
            yield return block;
        }

        if (shown < rows.Count)
        {
            yield return Block.Context($"{rows.Count - shown} more rows not shown; `/pitr status {recoveryId}` has the full report.");
        }
    }

    private static JsonObject Section(StringBuilder chunk) => Block.Section(Fence + chunk.ToString().TrimEnd('\n') + Fence);
}
