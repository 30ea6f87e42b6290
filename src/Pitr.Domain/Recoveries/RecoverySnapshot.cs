using Pitr.Domain.Ports;
using Pitr.Domain.Recoveries.Events;

namespace Pitr.Domain.Recoveries;

/// <summary>Everything persisted about one recovery; the aggregate is rebuilt from it on every load.</summary>
/// <param name="Version">Incremented by every save; the store refuses a save made from a stale version.</param>
/// <param name="IncidentAt">When the damage happened, as a person or an alert said; null when nobody said (data lost is then unknown).</param>
/// <param name="SourceIdentifier">The database restored from.</param>
public sealed record RecoverySnapshot(
    string Id,
    string Database,
    RecoveryMode Mode,
    RecoveryState State,
    int Version,
    Actor Initiator,
    string Channel,
    DateTimeOffset RequestedAt,
    DateTimeOffset? IncidentAt,
    RestorableWindow Window,
    string SourceIdentifier,
    bool AutoApprove)
{
    public IReadOnlyList<RestoreAttempt> Attempts { get; init; } = [];
    public IReadOnlyList<PhaseEntry> Phases { get; init; } = [];
    public IReadOnlyList<ScheduledDeletion> Deletions { get; init; } = [];
    public Actor? Approver { get; init; }
    public SecretChange? SecretChange { get; init; }
    public DateTimeOffset? RestartedAt { get; init; }
    public RolloutReport? Rollout { get; init; }
    public HealthReport? Health { get; init; }
    public RecoveryState? FailedIn { get; init; }

    /// <summary>What keeps the recovery from going on by itself (a failure, failed checks, a rollback's cause); null when nothing does.</summary>
    public RecoveryEvent? Trouble { get; init; }

    public ActionTaken? LastPersonAction { get; init; }
    public ProductionMoved? Warning { get; init; }
    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>How the new production was made recoverable again before the recovery completed.</summary>
    public ProtectionReport? Protection { get; init; }

    /// <summary>When people were reminded that the replaced database awaits its decommissioning.</summary>
    public DateTimeOffset? DecommissionRemindedAt { get; init; }

    public RestoreAttempt CurrentAttempt => Attempts[^1];

    public bool IsDrill => Mode == RecoveryMode.Drill;

    /// <summary>The runner still has work here: a live state, or deletions not yet done.</summary>
    public bool IsOpen() => !RecoveryStates.IsTerminal(State) || Deletions.Any(d => d.IsPending);
}
