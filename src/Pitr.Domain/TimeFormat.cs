using System.Globalization;

namespace Pitr.Domain;

/// <summary>How times are shown to people: UTC, to the second, with the Z that says so.</summary>
public static class TimeFormat
{
    public static string Utc(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>A time people typed or must reproduce: to the microsecond, trailing zeros dropped.</summary>
    public static string Exact(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFF'Z'", CultureInfo.InvariantCulture);

    public static string Duration(TimeSpan duration) => duration switch
    {
        { TotalHours: >= 1 } => $"{(int)duration.TotalHours}h {duration.Minutes:00}m",
        { TotalMinutes: >= 1 } => $"{(int)duration.TotalMinutes}m {duration.Seconds:00}s",
        _ => $"{duration.TotalSeconds:0.0}s",
    };
}
