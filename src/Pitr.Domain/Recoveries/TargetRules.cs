using Pitr.Domain.Ports;

namespace Pitr.Domain.Recoveries;

/// <summary>The checks every target time passes before anything is created: an offset, not in the future, inside the restorable window.</summary>
public static class TargetRules
{
    public static async ValueTask<(DateTimeOffset Target, RestorableWindow? Window, string? Error)> CheckAsync(
        string? text, string database, IDatabaseRestorer restorer, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!TargetTime.TryParse(text, out var target, out var error))
        {
            return (default, null, error);
        }

        if (target > now)
        {
            return (target, null, $"{TimeFormat.Utc(target)} is in the future (it is now {TimeFormat.Utc(now)}). Give a time before the damage, e.g. `{TimeFormat.Utc(now.AddMinutes(-5))}`.");
        }

        var window = await restorer.GetRestorableWindowAsync(cancellationToken);
        return (target, window, OutsideWindow(target, database, window));
    }

    public static string? OutsideWindow(DateTimeOffset target, string database, RestorableWindow window)
    {
        if (target < window.Earliest)
        {
            return $"{TimeFormat.Utc(target)} is before the earliest restorable time of `{database}`. Restorable window: {window}. Pick a time inside it, e.g. `{TimeFormat.Utc(window.Earliest)}`.";
        }

        if (target > window.Latest)
        {
            return $"{TimeFormat.Utc(target)} is after the latest restorable time of `{database}` (changes after it are not archived yet). Restorable window: {window}. Pick a time inside it, e.g. `{TimeFormat.Utc(window.Latest)}`, or try again in a minute.";
        }

        return null;
    }
}
