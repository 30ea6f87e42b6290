using System.Globalization;

namespace Pitr.Adapters.Local;

/// <summary>Times as PostgreSQL writes and reads them.</summary>
internal static class PostgresTime
{
    /// <summary>
    /// A recovery target: PostgreSQL refuses the <c>Z</c> people type (the server would not start),
    /// so the offset is written as <c>+00</c>, with microseconds.
    /// </summary>
    public static string RecoveryTarget(DateTimeOffset target) =>
        target.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture) + "+00";

    /// <summary>
    /// Reads "2024-05-01 10:32:15.123456 UTC" (pg_waldump run with TZ=UTC, or a backup file written in UTC)
    /// or a numeric zone ("+02", "-0530"). Named zones other than UTC are ambiguous abbreviations: null.
    /// </summary>
    public static DateTimeOffset? Parse(string dateTime, string zone)
    {
        if (!DateTime.TryParseExact(dateTime, ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFFFFF"],
                CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return null;
        }

        var offset = zone switch
        {
            "UTC" or "GMT" or "UCT" or "Z" or "Etc/UTC" => TimeSpan.Zero,
            _ when zone.Length >= 3 && (zone[0] == '+' || zone[0] == '-') => NumericOffset(zone),
            _ => (TimeSpan?)null,
        };
        return offset is { } known ? new DateTimeOffset(local, known) : null;
    }

    private static TimeSpan? NumericOffset(string zone)
    {
        var digits = zone[1..].Replace(":", string.Empty, StringComparison.Ordinal);
        if (!int.TryParse(digits[..2], CultureInfo.InvariantCulture, out var hours))
        {
            return null;
        }

        var minutes = digits.Length >= 4 && int.TryParse(digits[2..4], CultureInfo.InvariantCulture, out var m) ? m : 0;
        var offset = new TimeSpan(hours, minutes, 0);
        return zone[0] == '-' ? -offset : offset;
    }
}
