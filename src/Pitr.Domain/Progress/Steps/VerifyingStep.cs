using Pitr.Domain.Ports;
using Pitr.Domain.Readiness;
using Pitr.Domain.Recoveries;

namespace Pitr.Domain.Progress.Steps;

/// <summary>
/// Verifying: waits until the service is healthy again, or the health timeout has passed; then makes the new
/// production recoverable in its own right (the next incident must be recoverable too) and runs the readiness
/// check against it, for the report, before it completes.
/// </summary>
public sealed class VerifyingStep(TimeProvider clock, CheckReadinessHandler readiness) : TimedStep(clock)
{
    public override RecoveryState State => RecoveryState.Verifying;

    protected override RecoveryPhase Phase => RecoveryPhase.Health;

    protected override TimeSpan ReportSlack => WorkloadRestarts.ReportSlack;

    protected override TimeSpan Limit(DatabasePolicy policy) => policy.HealthTimeout;

    protected override async ValueTask<StepResult> RunWithinAsync(Recovery recovery, DatabaseBinding database, TimeSpan remaining, CancellationToken cancellationToken)
    {
        var report = await database.Health.WaitUntilHealthyAsync(remaining, recovery.Snapshot.IncidentAt ?? recovery.Snapshot.RequestedAt, cancellationToken);
        var identifier = recovery.Snapshot.CurrentAttempt.Identifier;
        var protection = report.Healthy ? await database.Restorer.ProtectAsync(identifier, cancellationToken) : null;
        if (protection is { Protected: true })
        {
            protection = protection with { Readiness = await readiness.Handle(new CheckReadiness(database.Name) { Production = identifier }, cancellationToken) };
        }
        return StepResult.Then(r => r.HealthCheckedAsync(report, protection));
    }
}
