using Pitr.Domain.Ports;

namespace Pitr.Domain.Alerts.Receive;

/// <summary>The recovery point an alert proposes: just before the destructive transaction when the database's history shows one, otherwise a margin before the alert.</summary>
internal static class SuggestedTarget
{
    public static async ValueTask<(DateTimeOffset Target, string Source)> ForAsync(
        DateTimeOffset alertStart, IRecoveryPointAdvisor? advisor, AlertRules rules, CancellationToken cancellationToken)
    {
        if (advisor is not null)
        {
            var suggestions = await SuggestionsOrNoneAsync(advisor, alertStart - rules.AdvisorLookback, cancellationToken);

            // The damage precedes the alert: prefer the last destructive transaction before it fired.
            var best = suggestions.Where(s => s.CommittedAt <= alertStart).MaxBy(s => s.CommittedAt)
                ?? suggestions.MinBy(s => s.CommittedAt);
            if (best is not null)
            {
                return (best.Target, $"history: {best.What} committed at {TimeFormat.Utc(best.CommittedAt)}");
            }
        }

        // Whole seconds, rounded down (earlier is the safe side): people type and read targets to the second.
        var target = alertStart - rules.SuggestionMargin;
        return (target.AddTicks(-(target.Ticks % TimeSpan.TicksPerSecond)), $"alert start − {TimeFormat.Duration(rules.SuggestionMargin)}");
    }

    /// <summary>An advisor that cannot read the history now leaves the margin-based suggestion.</summary>
    private static async ValueTask<IReadOnlyList<RecoveryPointSuggestion>> SuggestionsOrNoneAsync(
        IRecoveryPointAdvisor advisor, DateTimeOffset since, CancellationToken cancellationToken)
    {
        try
        {
            return await advisor.SuggestAsync(since, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return [];
        }
    }
}
