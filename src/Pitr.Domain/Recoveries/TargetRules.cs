using Pitr.Domain.Ports;

namespace Pitr.Domain.Recoveries;

/// <summary>The checks every target time passes before anything is created: not in the future, inside the restorable window.</summary>
public static class TargetRules
{
    public static async ValueTask<(RestorableWindow? Window, Refusal? Why)> CheckAsync(
        RecoveryTarget target, string database, IDatabaseRestorer restorer, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (target.Instant > now)
        {
            return (null, new TargetInFuture(target.Instant, now));
        }

        var window = await restorer.GetRestorableWindowAsync(cancellationToken);
        return (window, window.Contains(target.Instant) ? null : new OutsideWindow(target.Instant, database, window));
    }
}
