using Cronos;
using Pitr.Domain.Ports;

namespace Pitr.Adapters.Drills;

/// <summary>A standard five-field cron expression, read in UTC.</summary>
internal sealed class CronDueTimes(CronExpression expression) : IDueTimes
{
    public DateTimeOffset? NextAfter(DateTimeOffset instant) =>
        expression.GetNextOccurrence(instant.ToUniversalTime(), TimeZoneInfo.Utc, inclusive: false);

    public DateTimeOffset? LastAtOrBefore(DateTimeOffset instant) =>
        expression.GetPreviousOccurrence(instant.ToUniversalTime(), TimeZoneInfo.Utc, inclusive: true);

    public static bool TryParse(string text, out CronDueTimes? dueTimes)
    {
        dueTimes = CronExpression.TryParse(text, CronFormat.Standard, out var expression) ? new CronDueTimes(expression) : null;
        return dueTimes is not null;
    }
}
