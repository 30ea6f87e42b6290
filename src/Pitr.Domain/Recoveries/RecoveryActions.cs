using Pitr.Domain.Ports;

namespace Pitr.Domain.Recoveries;

/// <summary>Maps what people can do (buttons, commands) to the machine's triggers.</summary>
public static class RecoveryActions
{
    public static RecoveryTrigger TriggerOf(RecoveryActionKind kind) => kind switch
    {
        RecoveryActionKind.Confirm => RecoveryTrigger.Confirm,
        RecoveryActionKind.Cancel => RecoveryTrigger.Cancel,
        RecoveryActionKind.Approve => RecoveryTrigger.Approve,
        RecoveryActionKind.Reject => RecoveryTrigger.Reject,
        RecoveryActionKind.Abort => RecoveryTrigger.Abort,
        RecoveryActionKind.Retry => RecoveryTrigger.Retry,
        RecoveryActionKind.Rollback => RecoveryTrigger.Rollback,
        RecoveryActionKind.Decommission => RecoveryTrigger.Decommission,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static bool IsPersonTrigger(RecoveryTrigger trigger) => trigger <= RecoveryTrigger.Decommission;

    public static RecoveryActionKind KindOf(RecoveryTrigger trigger) =>
        IsPersonTrigger(trigger) ? (RecoveryActionKind)(int)trigger : throw new ArgumentOutOfRangeException(nameof(trigger), trigger, "not a person's action");
}
