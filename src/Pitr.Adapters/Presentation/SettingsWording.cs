using Pitr.Domain.Ports;

namespace Pitr.Adapters.Presentation;

/// <summary>What the validation says beyond its checks: how the restore's settings compare with the source's, and whether any data was checked.</summary>
internal static class SettingsWording
{
    /// <summary>Sentences to append to the validation message; empty when the engine compared nothing and data checks ran.</summary>
    public static string Sentences(ValidationReport report, TextStyle style) =>
        (report.NoDataChecks ? " No data checks were configured: only the connection and the server's recovery state were checked." : "") +
        report.SettingsDiff switch
        {
            null => "",
            [] => " Settings identical to the source.",
            var differences => $" {style.Mark(Tone.Warning)}{differences.Count} setting(s) differ from the source: " +
                string.Join("; ", differences.Select(d => $"{style.Code(d.Setting)} {d.Source} → {d.Restore}{(d.Why is { } why ? $" ({why})" : " (not asked for)")}")) + ".",
        };

    /// <summary>The plan's line on what the restore will not share with the source; empty when nothing is expected to differ.</summary>
    public static string Planned(IReadOnlyList<SettingDifference> expected, TextStyle style) =>
        expected.Count == 0
            ? ""
            : "• The restore will differ from the source: " +
              string.Join("; ", expected.Select(d => $"{style.Code(d.Setting)} {d.Source} → {d.Restore}{(d.Why is { } why ? $" ({why})" : "")}")) + "\n";

    /// <summary>For the report: appended to its validation line and to its list of what happened.</summary>
    public static string Short(IReadOnlyList<SettingDifference>? differences) => differences switch
    {
        null => "",
        [] => "; settings identical to the source",
        _ => "; settings differ: " + string.Join(", ", differences.Select(d => $"{d.Setting} {d.Source} → {d.Restore}")),
    };

    /// <summary>One row per difference: one asked for (a configured override) is not a failure; one nobody asked for is.</summary>
    public static IEnumerable<TableRow> Rows(ValidationReport report) =>
        (report.SettingsDiff ?? []).Select(d => new TableRow($"setting {d.Setting}", d.Why is not null, d.Restore, $"{d.Source} (source)"));
}
