using Pitr.Domain.Ports;

namespace Pitr.Domain.Recoveries;

/// <summary>The summary every recovery and drill ends with; drills keep the same shape so RTO can be trended.</summary>
/// <param name="DataLoss">Incident time − target: the writes given up to get back before the damage; null when the incident time is unknown.</param>
/// <param name="Rto">From the start command to the end (or to now, while it runs).</param>
/// <param name="People">What people did, in order.</param>
public sealed record RecoveryReport(
    string RecoveryId,
    string Database,
    bool Drill,
    RecoveryState Outcome,
    DateTimeOffset Target,
    DateTimeOffset? IncidentAt,
    TimeSpan? DataLoss,
    DateTimeOffset RequestedAt,
    DateTimeOffset? FinishedAt,
    TimeSpan Rto,
    int Attempts,
    DatabaseEndpoint? RestoredEndpoint,
    IReadOnlyList<PhaseDuration> Phases,
    IReadOnlyList<CheckResult> Checks,
    IReadOnlyList<WorkloadResult> Workloads,
    IReadOnlyList<HealthCheckResult> Health,
    Uri? Dashboard,
    IReadOnlyList<AuditEntry> People)
{
    /// <summary>How the new production was made recoverable again; null when nothing was done (drills, engines with nothing to do).</summary>
    public ProtectionReport? Protection { get; init; }

    /// <summary>How the restored database's settings compared with the source's; null when the engine compares nothing.</summary>
    public IReadOnlyList<SettingDifference>? SettingsDiff { get; init; }

    /// <summary>Every restore the recovery made, in order: the target, how it got there (a new restore or replay continued), how long it took.</summary>
    public IReadOnlyList<RestoreSummary> Restores { get; init; } = [];

    /// <summary>The recovery time objective every recovery is measured against.</summary>
    public static readonly TimeSpan RtoBudget = TimeSpan.FromMinutes(15);

    public static RecoveryReport From(RecoverySnapshot recovery, IReadOnlyList<AuditEntry> audit, DateTimeOffset now)
    {
        var attempt = recovery.CurrentAttempt;
        var finishedAt = recovery.CompletedAt ?? (RecoveryStates.IsTerminal(recovery.State) ? recovery.Phases[^1].EnteredAt : (DateTimeOffset?)null);
        var end = finishedAt ?? now;
        return new RecoveryReport(
            recovery.Id,
            recovery.Database,
            recovery.IsDrill,
            recovery.State,
            attempt.Target,
            recovery.IncidentAt,
            recovery.IncidentAt - attempt.Target,
            recovery.RequestedAt,
            finishedAt,
            end - recovery.RequestedAt,
            recovery.Attempts.Count,
            attempt.Endpoint,
            PhaseDurations(recovery, end),
            attempt.Validation?.Checks ?? [],
            recovery.Rollout?.Workloads ?? [],
            recovery.Health?.Checks ?? [],
            recovery.Health?.Dashboard,
            [.. audit.Where(e => e.Actor != Actor.Bot)])
        {
            Protection = recovery.Protection,
            SettingsDiff = attempt.Validation?.SettingsDiff,
            Restores = [.. recovery.Attempts.Select(a => new RestoreSummary(a.Number, a.Target, a.Method, a.Took, a.Outcome))],
        };
    }

    private static IReadOnlyList<PhaseDuration> PhaseDurations(RecoverySnapshot recovery, DateTimeOffset end)
    {
        var phases = recovery.Phases;
        return [.. phases
            .Select((phase, i) => (Phase: RecoveryPhases.Of(phase.State), Duration: (i + 1 < phases.Count ? phases[i + 1].EnteredAt : end) - phase.EnteredAt))
            .Where(p => p.Phase is not null)
            .GroupBy(p => p.Phase!.Value)
            .Select(g => new PhaseDuration(g.Key, g.Aggregate(TimeSpan.Zero, (sum, p) => sum + p.Duration), Skipped(recovery, g.Key)))];
    }

    private static bool Skipped(RecoverySnapshot recovery, RecoveryPhase phase) => phase switch
    {
        RecoveryPhase.Rollout => recovery.Rollout?.Skipped == true,
        RecoveryPhase.Health => recovery.Health?.Skipped == true,
        _ => false,
    };
}

/// <param name="Took">From entering Restoring to the restore available; null while it runs or when it never became available.</param>
public sealed record RestoreSummary(int Attempt, DateTimeOffset Target, RestoreMethod Method, TimeSpan? Took, AttemptOutcome Outcome);

/// <param name="Skipped">Nothing was configured for this phase: it passed through without doing anything.</param>
public sealed record PhaseDuration(RecoveryPhase Phase, TimeSpan Duration, bool Skipped = false);

/// <summary>The parts of a recovery that take time, as the report counts them.</summary>
public enum RecoveryPhase
{
    Confirmation,
    Restore,
    Validation,
    Approval,
    Secret,
    Rollout,
    Health,
    Rollback,
}

public static class RecoveryPhases
{
    public static RecoveryPhase? Of(RecoveryState state) => state switch
    {
        RecoveryState.Requested => RecoveryPhase.Confirmation,
        RecoveryState.Restoring => RecoveryPhase.Restore,
        RecoveryState.Validating => RecoveryPhase.Validation,
        RecoveryState.AwaitingApproval => RecoveryPhase.Approval,
        RecoveryState.CuttingOver => RecoveryPhase.Secret,
        RecoveryState.Restarting => RecoveryPhase.Rollout,
        RecoveryState.Verifying => RecoveryPhase.Health,
        RecoveryState.RollingBack => RecoveryPhase.Rollback,
        _ => null,
    };
}
