using System.Globalization;
using Pitr.Domain;

namespace Pitr.Adapters.Slack;

/// <summary>
/// What the alert card's "Start recovery…" button carries: the database, the suggested target and when the alert
/// says the incident started (<c>db|time|incident</c>; buttons posted before the incident was carried lack it).
/// </summary>
public sealed record StartValue(string Database, DateTimeOffset Target, DateTimeOffset? IncidentAt = null)
{
    public override string ToString() => $"{Database}|{TimeFormat.Utc(Target)}" + (IncidentAt is { } incident ? $"|{TimeFormat.Exact(incident)}" : "");

    public static StartValue? Parse(string? value) => value?.Split('|') switch
    {
        [{ Length: > 0 and <= 100 } database, var time] when Time(time) is { } target => new StartValue(database, target),
        [{ Length: > 0 and <= 100 } database, var time, var incident] when Time(time) is { } target && Time(incident) is { } at => new StartValue(database, target, at),
        _ => null,
    };

    private static DateTimeOffset? Time(string text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time : null;
}
