namespace Pitr.Domain.Recoveries;

/// <summary>When the recovery entered a state; consecutive entries give each phase's duration.</summary>
public sealed record PhaseEntry(RecoveryState State, DateTimeOffset EnteredAt);
