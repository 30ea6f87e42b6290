namespace Pitr.Domain.Recoveries.Events;

/// <summary>A drill gave its database up to a real recovery: it was aborted and its restore <paramref name="Identifier"/> is deleted.</summary>
/// <param name="RecoveryId">The recovery that needed the database.</param>
public sealed record DrillYielded(string Identifier, string RecoveryId) : RecoveryEvent;
