using Pitr.Domain.Ports;

namespace Pitr.Domain.Recoveries;

public enum AttemptOutcome
{
    Pending,
    Available,
    Rejected,
    Failed,
    Abandoned,
    CutOver,
    Drilled,
}

/// <summary>One restore to one target time. A rejection starts a new attempt at an earlier time.</summary>
public sealed record RestoreAttempt(int Number, DateTimeOffset Target, string Identifier)
{
    public DateTimeOffset? RequestedAt { get; init; }
    public DatabaseEndpoint? Endpoint { get; init; }
    public ValidationReport? Validation { get; init; }
    public AttemptOutcome Outcome { get; init; } = AttemptOutcome.Pending;

    /// <summary>The engine's identifier for attempt <paramref name="number"/> of recovery <paramref name="recoveryId"/>; stable across restarts.</summary>
    public static string IdentifierFor(string recoveryId, int number) => $"pitr-{recoveryId}-a{number}";
}
