using Pitr.Domain.Ports;
using Pitr.Domain.Recoveries;

namespace Pitr.Bot.Tests.Cli;

/// <summary>Drills as the store keeps them once they ended, for the trend to read: 2 s to confirm, then the restore and the validation given.</summary>
internal static class EndedDrills
{
    public enum Outcome
    {
        Passed,
        ChecksFailed,
        RestoreFailed,
    }

    public static RecoverySnapshot Drill(string id, string database, DateTimeOffset start, int restoreSeconds, int validationSeconds, Outcome outcome)
    {
        var restored = start.AddSeconds(2 + restoreSeconds);
        var validated = restored.AddSeconds(validationSeconds);
        List<PhaseEntry> phases = outcome == Outcome.RestoreFailed
            ? [new(RecoveryState.Requested, start), new(RecoveryState.Restoring, start.AddSeconds(2)), new(RecoveryState.Failed, restored)]
            :
            [
                new(RecoveryState.Requested, start), new(RecoveryState.Restoring, start.AddSeconds(2)), new(RecoveryState.Validating, restored),
                new(RecoveryState.AwaitingApproval, validated), new(RecoveryState.Completed, validated),
            ];
        var checks = new ValidationReport([new CheckResult("marker before the target", outcome == Outcome.Passed, "present", "present", TimeSpan.FromSeconds(1))]);
        return new RecoverySnapshot(id, database, RecoveryMode.Drill, outcome == Outcome.RestoreFailed ? RecoveryState.Failed : RecoveryState.Completed, 5,
            new Actor("U1", "alice"), "C1", start, null, new RestorableWindow(start.AddDays(-7), start), $"{database}-prod", AutoApprove: true)
        {
            Attempts = [new RestoreAttempt(1, start.AddMinutes(-1), $"pitr-{id}-a1") { Validation = outcome == Outcome.RestoreFailed ? null : checks }],
            Phases = phases,
            CompletedAt = outcome == Outcome.RestoreFailed ? null : validated,
        };
    }
}
