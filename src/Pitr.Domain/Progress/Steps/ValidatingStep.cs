using Pitr.Domain.Ports;
using Pitr.Domain.Recoveries;

namespace Pitr.Domain.Progress.Steps;

/// <summary>Validating: runs the configured checks on the restored database, a drill's marker proof, and compares its settings with the source's.</summary>
public sealed class ValidatingStep(TimeProvider clock) : TimedStep(clock)
{
    public override RecoveryState State => RecoveryState.Validating;

    protected override RecoveryPhase Phase => RecoveryPhase.Validation;

    protected override TimeSpan Limit(DatabasePolicy policy) => policy.ValidationTimeout;

    protected override async ValueTask<StepResult> RunWithinAsync(Recovery recovery, DatabaseBinding database, TimeSpan remaining, CancellationToken cancellationToken)
    {
        var attempt = recovery.Snapshot.CurrentAttempt;
        var report = await database.Validation.RunAsync(attempt.Endpoint!, attempt.Target, cancellationToken);
        report = report with { SettingsDiff = await database.Restorer.CompareWithSourceAsync(attempt.Identifier, cancellationToken) };

        // The markers prove the drill's planned target; a person's earlier target is proved by nothing.
        if (recovery.Snapshot.IsDrill && database.Markers is { } markers && attempt.Target == recovery.Snapshot.Attempts[0].Target)
        {
            report = report with { Checks = [.. report.Checks, .. await markers.VerifyAsync(recovery.Id, attempt.Endpoint!, cancellationToken)] };
        }
        return StepResult.Then(r => r.ValidationCompletedAsync(report));
    }
}
