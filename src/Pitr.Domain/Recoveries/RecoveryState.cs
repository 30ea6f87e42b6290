namespace Pitr.Domain.Recoveries;

public enum RecoveryState
{
    Requested,
    Restoring,
    Validating,
    AwaitingApproval,
    CuttingOver,
    Restarting,
    Verifying,
    Completed,
    Decommissioned,
    RollingBack,
    RolledBack,
    Failed,
    Aborted,
}

public static class RecoveryStates
{
    /// <summary>States after which nothing more can happen to the recovery.</summary>
    public static bool IsTerminal(RecoveryState state) =>
        state is RecoveryState.Decommissioned or RecoveryState.RolledBack or RecoveryState.Aborted;

    /// <summary>States that hold the database: a second recovery of it must wait.</summary>
    public static bool BlocksNewRecovery(RecoveryState state) =>
        !IsTerminal(state) && state is not RecoveryState.Completed;

    /// <summary>States in which nothing goes on until a person acts: the message that leads here carries the buttons.</summary>
    public static bool AwaitsPerson(RecoveryState state) =>
        state is RecoveryState.Requested or RecoveryState.AwaitingApproval or RecoveryState.Failed;
}
