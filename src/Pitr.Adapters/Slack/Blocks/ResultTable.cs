using System.Text.Json.Nodes;
using Pitr.Adapters.Presentation;

namespace Pitr.Adapters.Slack.Blocks;

/// <summary>
/// Check results as Block Kit fields, two columns a row (name | what was observed and expected), five rows a
/// section: Slack wraps each field, so nothing useful is cut to fit a fixed column width.
/// </summary>
internal static class ResultTable
{
    /// <summary>Slack allows ten fields a section: five rows of two.</summary>
    private const int RowsPerSection = 5;

    /// <summary>Slack's limit for one field's text.</summary>
    private const int MaxField = 2000;

    public static IEnumerable<JsonObject> Render(IReadOnlyList<TableRow> rows, int maxBlocks, string recoveryId)
    {
        var sections = rows.Chunk(RowsPerSection).ToList();
        var shown = Math.Min(sections.Count, Math.Max(maxBlocks - 1, 0));
        foreach (var section in sections.Take(shown))
        {
            yield return new JsonObject { ["type"] = "section", ["fields"] = new JsonArray([.. section.SelectMany(Cells)]) };
        }

        var hidden = rows.Count - Math.Min(rows.Count, shown * RowsPerSection);
        if (hidden > 0)
        {
            yield return Block.Context($"{hidden} more results of recovery `{Mrkdwn.Escape(recoveryId)}` not shown: Slack allows {Block.MaxBlocks} blocks a message.");
        }
    }

    private static IEnumerable<JsonNode> Cells(TableRow row)
    {
        yield return Block.Text(Mrkdwn.Cut($"{(row.Ok ? "✓" : "✗")} *{Mrkdwn.Escape(row.Name)}*", MaxField));
        yield return Block.Text(Mrkdwn.Cut($"{Mrkdwn.Escape(row.Observed)}\n_expected {Mrkdwn.Escape(row.Expected)}_", MaxField));
    }
}
