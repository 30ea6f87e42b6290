using Pitr.Domain.Ports;
using Pitr.Domain.Recoveries;

namespace Pitr.Domain.Readiness;

/// <summary>
/// The drill item of the readiness check: the last passing drill measured against the rule
/// (<c>Pitr:Rules:MaximumDrillAge</c>), and when the schedule calls for the next one.
/// </summary>
internal static class DrillReadiness
{
    private const string Name = "Recovery drill";

    public static ReadinessItem Item(string database, IReadOnlyList<RecoverySnapshot> recent, DrillSchedule? schedule, ReadinessTargets targets, DateTimeOffset now)
    {
        var completed = recent.Where(r => r.Mode == RecoveryMode.Drill && r.CompletedAt is not null && r.Attempts.Any(a => a.Outcome == AttemptOutcome.Drilled)).ToList();
        var last = completed.Where(Passed).MaxBy(r => r.CompletedAt);
        var expected = $"a passing drill within {targets.MaximumDrillAge.TotalDays:0} days";
        var fix = $"Run a drill of {database} from Slack or with pitr drill --db {database}. It restores and validates a copy and deletes it afterwards; production is not touched." +
                  (schedule is null ? $" Pitr:Databases:{database}:Drills:Schedule (cron, UTC) runs one on a schedule." : "");
        if (last?.CompletedAt is not { } completedAt)
        {
            var none = completed.Count == 0 ? "no completed drill on record" : $"no passing drill on record (the last, {completed.MaxBy(r => r.CompletedAt)!.Id}, failed its checks)";
            return new ReadinessItem(Name, false, none + Next(schedule, now), expected, fix);
        }

        var observed = $"last drill {last.Id} completed {TimeFormat.Utc(completedAt)} ({(now - completedAt).TotalDays:0} days ago){Next(schedule, now)}";
        return now - completedAt <= targets.MaximumDrillAge
            ? new ReadinessItem(Name, true, observed, expected, null)
            : new ReadinessItem(Name, false, observed, expected, fix);
    }

    /// <summary>A drill whose checks failed proves nothing about recovering.</summary>
    private static bool Passed(RecoverySnapshot drill) => drill.CurrentAttempt.Validation is not { Passed: false };

    private static string Next(DrillSchedule? schedule, DateTimeOffset now) => schedule switch
    {
        null => "",
        _ when schedule.DueTimes.NextAfter(now) is { } due => $"; next scheduled drill {TimeFormat.Utc(due)} ({schedule.Expression} UTC)",
        _ => $"; the schedule {schedule.Expression} names no further time",
    };
}
