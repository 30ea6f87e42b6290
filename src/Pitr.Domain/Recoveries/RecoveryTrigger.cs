namespace Pitr.Domain.Recoveries;

public enum RecoveryTrigger
{
    // People
    Confirm,
    Cancel,
    Approve,
    Reject,
    Abort,
    Retry,
    Rollback,
    Decommission,

    // Outcomes of work the runner did
    RestoreAvailable,
    RestoreFailed,
    ValidationCompleted,
    SecretUpdated,
    RolloutCompleted,
    RolloutFailed,
    HealthConfirmed,
    HealthFailed,
    RollbackCompleted,
    StepFailed,
    TimedOut,
}
