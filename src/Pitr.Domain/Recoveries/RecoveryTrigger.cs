namespace Pitr.Domain.Recoveries;

/// <summary>Everything that can move a recovery: what people do, and the outcomes of the runner's work.</summary>
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

public static class RecoveryTriggers
{
    /// <summary>The triggers a person fires (buttons, commands); the rest are the runner's.</summary>
    public static readonly IReadOnlyList<RecoveryTrigger> PersonActions =
    [
        RecoveryTrigger.Confirm, RecoveryTrigger.Cancel, RecoveryTrigger.Approve, RecoveryTrigger.Reject,
        RecoveryTrigger.Abort, RecoveryTrigger.Retry, RecoveryTrigger.Rollback, RecoveryTrigger.Decommission,
    ];

    public static bool IsPersonAction(this RecoveryTrigger trigger) => PersonActions.Contains(trigger);
}
