using Pitr.Domain.Ports;

namespace Pitr.Domain.Recoveries;

/// <summary>What a person asked for, already checked against the restorable window.</summary>
/// <param name="Warning">Where production moved since the configured source: the plan restores from there and names the lineage.</param>
public sealed record RecoveryPlan(
    string Id,
    string Database,
    RecoveryMode Mode,
    RecoveryTarget Target,
    Actor Initiator,
    string Channel,
    RestorableWindow Window,
    string SourceIdentifier,
    DateTimeOffset? IncidentAt = null,
    bool AutoApprove = false,
    ProductionMoved? Warning = null)
{
    /// <summary>What the restore will not share with the source, and why; shown before anyone confirms.</summary>
    public IReadOnlyList<SettingDifference> ExpectedDifferences { get; init; } = [];

    /// <summary>A drill whose target is the commit of a marker row written on the source (<see cref="IMarkerProof"/>).</summary>
    public bool MarkerProof { get; init; }

    /// <summary>The drill aborted so that this recovery could have the database; null when none was in the way.</summary>
    public string? AbortedDrill { get; init; }
}
