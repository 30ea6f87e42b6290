using System.Globalization;
using Pitr.Domain;

namespace Pitr.Adapters.Slack;

/// <summary>What the alert card's "Start recovery…" button carries: the database and the suggested target (<c>db|time</c>).</summary>
public sealed record StartValue(string Database, DateTimeOffset Target)
{
    public override string ToString() => $"{Database}|{TimeFormat.Utc(Target)}";

    public static StartValue? Parse(string? value) =>
        value?.Split('|') is [{ Length: > 0 and <= 100 } database, var time]
        && DateTimeOffset.TryParse(time, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var target)
            ? new StartValue(database, target)
            : null;
}
