using Pitr.Domain.Recoveries.Events;

namespace Pitr.Domain.Recoveries;

/// <summary>One line of a recovery's append-only audit trail: who caused which event, and the state it left the recovery in.</summary>
/// <param name="From">The state before; equal to <paramref name="To"/> when nothing moved.</param>
public sealed record AuditEntry(
    string RecoveryId,
    DateTimeOffset At,
    Actor Actor,
    RecoveryState From,
    RecoveryState To,
    RecoveryEvent Event)
{
    /// <summary>The entry's place in the store's trail (0 until stored); the thread delivers entries in this order.</summary>
    public long Seq { get; init; }

    public bool Moved => From != To || Event is Retried;
}
