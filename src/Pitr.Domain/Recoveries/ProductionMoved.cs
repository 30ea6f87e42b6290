namespace Pitr.Domain.Recoveries;

/// <summary>
/// An earlier recovery cut the database over to a restored copy, but the plan restores from the
/// configured source: restoring from the abandoned database would bring back stale data.
/// </summary>
public sealed record ProductionMoved(string CutoverRecoveryId, string RunsOn, DateTimeOffset Since, string ConfiguredSource);
