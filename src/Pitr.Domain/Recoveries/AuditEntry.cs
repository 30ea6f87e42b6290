namespace Pitr.Domain.Recoveries;

/// <summary>One line of a recovery's append-only audit trail.</summary>
/// <param name="Action">The trigger fired, or what was requested or refused.</param>
/// <param name="From">The state before; equal to <paramref name="To"/> when nothing moved.</param>
public sealed record AuditEntry(
    string RecoveryId,
    DateTimeOffset At,
    Actor Actor,
    string Action,
    RecoveryState From,
    RecoveryState To,
    string Detail);
