namespace Pitr.Domain.Recoveries;

/// <summary>A button: what a person may do now, and the state it is offered in (a click from an older state is refused as stale).</summary>
public sealed record RecoveryAction(RecoveryTrigger Action, string RecoveryId, RecoveryState OfferedIn);
