using Pitr.Domain.Ports;

namespace Pitr.Domain.Recoveries.Events;

public sealed record RestoreRequested(string Identifier, DateTimeOffset Target) : RecoveryEvent;

/// <param name="Took">Time from entering Restoring to the engine reporting the restore available.</param>
/// <param name="Method">A new restore, or the previous attempt's server replayed on to a later target.</param>
/// <param name="PausedAtTarget">Read-only at the target until the cutover promotes it.</param>
public sealed record RestoreAvailable(
    string Identifier,
    DatabaseEndpoint Endpoint,
    TimeSpan Took,
    RestoreMethod Method = RestoreMethod.NewRestore,
    bool PausedAtTarget = false) : RecoveryEvent;

/// <param name="EngineDetail">What the engine said about the failure, when it said anything.</param>
public sealed record RestoreFailed(string Identifier, string? EngineDetail) : RecoveryEvent;

public sealed record ValidationCompleted(string Identifier, DateTimeOffset Target, ValidationReport Report) : RecoveryEvent;

public sealed record SecretUpdated(SecretChange Change, DatabaseEndpoint Endpoint) : RecoveryEvent;

public sealed record RolloutCompleted(RolloutReport Report) : RecoveryEvent;

/// <summary>A workload did not roll out: the previous secret version is restored and the workloads restarted again.</summary>
public sealed record RolloutFailed(RolloutReport Report) : RecoveryEvent;

/// <param name="Protection">How the new production was made recoverable again; null for engines with nothing to do.</param>
public sealed record HealthConfirmed(HealthReport Report, ProtectionReport? Protection = null) : RecoveryEvent;

/// <summary>The service is healthy, but the new production could not be made recoverable: the recovery is not done until it is.</summary>
public sealed record NotProtected(ProtectionReport Report) : RecoveryEvent;

/// <param name="RollingBack">Automatic rollback is on, so the recovery rolls back instead of failing.</param>
public sealed record HealthFailed(HealthReport Report, bool RollingBack) : RecoveryEvent;

/// <param name="Reverted">The secret change undone; null when the secret had not been changed.</param>
public sealed record RollbackCompleted(SecretChange? Reverted, RolloutReport Report) : RecoveryEvent;

/// <summary>A step threw: the engine, the secret store or a cluster could not do what was asked.</summary>
public sealed record StepFailed(string Reason) : RecoveryEvent;

/// <summary>A phase ran out of time.</summary>
public sealed record TimedOut(RecoveryPhase Phase, TimeSpan Limit) : RecoveryEvent;

/// <summary>The database the recovery is for is no longer in the configuration.</summary>
public sealed record DatabaseUnconfigured(string Database) : RecoveryEvent;
