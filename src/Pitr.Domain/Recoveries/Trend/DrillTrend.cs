namespace Pitr.Domain.Recoveries.Trend;

/// <summary>One database's drills, newest first, with what they say together.</summary>
/// <param name="RtoP50">Median RTO of the drills that completed (a failed drill measured no whole runbook); null when none did.</param>
/// <param name="RtoP90">90th percentile of the same, by nearest rank.</param>
/// <param name="LastPassAt">When the newest passing drill ended; null when none passed.</param>
/// <param name="DaysSinceLastPass">Whole days since then.</param>
public sealed record DrillTrend(
    string Database, IReadOnlyList<DrillRun> Drills, TimeSpan? RtoP50, TimeSpan? RtoP90, DateTimeOffset? LastPassAt, int? DaysSinceLastPass)
{
    public static DrillTrend Of(string database, IReadOnlyList<DrillRun> newestFirst, DateTimeOffset now)
    {
        var rtos = newestFirst.Where(d => d.Outcome == RecoveryState.Completed).Select(d => d.Rto).ToList();
        var lastPass = newestFirst.FirstOrDefault(d => d.Passed)?.EndedAt;
        return new DrillTrend(
            database, newestFirst, NearestRank(rtos, 50), NearestRank(rtos, 90), lastPass,
            lastPass is { } at ? (int)Math.Floor((now - at).TotalDays) : null);
    }

    /// <summary>The smallest value with at least <paramref name="percent"/>% of the values at or below it: always one that was measured.</summary>
    public static TimeSpan? NearestRank(IReadOnlyCollection<TimeSpan> values, int percent)
    {
        if (values.Count == 0)
        {
            return null;
        }

        var rank = (int)Math.Ceiling(percent / 100.0 * values.Count);
        return values.Order().ElementAt(Math.Max(rank, 1) - 1);
    }
}

/// <summary>One drill that ended, as its report measured it.</summary>
/// <param name="Passed">It completed and every check passed (the marker proof among them).</param>
/// <param name="DataLoss">Incident time − target; drills have no incident, so null unless one was given.</param>
/// <param name="Lag">Start − target: how far behind the moment it started the drill landed, the data a recovery started then would give up.</param>
/// <param name="StartedBy">The person, or the bot for a scheduled drill.</param>
public sealed record DrillRun(
    string RecoveryId,
    DateTimeOffset StartedAt,
    DateTimeOffset EndedAt,
    RecoveryState Outcome,
    bool Passed,
    TimeSpan Rto,
    IReadOnlyList<PhaseDuration> Phases,
    TimeSpan? DataLoss,
    TimeSpan Lag,
    Actor StartedBy)
{
    public static DrillRun From(RecoverySnapshot drill, DateTimeOffset now)
    {
        var report = RecoveryReport.From(drill, [], now);

        // A failed drill stays open for a retry; it ended, for the trend, when it failed.
        var ended = report.FinishedAt ?? drill.Phases[^1].EnteredAt;
        return new DrillRun(
            drill.Id, drill.RequestedAt, ended, drill.State,
            drill.State == RecoveryState.Completed && drill.CurrentAttempt.Validation?.Passed == true,
            ended - drill.RequestedAt,
            report.Phases, report.DataLoss, drill.RequestedAt - drill.CurrentAttempt.Target, drill.Initiator);
    }
}
