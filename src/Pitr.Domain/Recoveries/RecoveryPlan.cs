using Pitr.Domain.Ports;

namespace Pitr.Domain.Recoveries;

/// <summary>What a person asked for, already checked against the restorable window.</summary>
public sealed record RecoveryPlan(
    string Id,
    string Database,
    RecoveryMode Mode,
    DateTimeOffset Target,
    Actor Initiator,
    string Channel,
    RestorableWindow Window,
    string SourceIdentifier,
    DateTimeOffset? IncidentAt = null,
    bool AutoApprove = false);
