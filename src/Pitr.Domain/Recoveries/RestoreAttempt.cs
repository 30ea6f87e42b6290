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

/// <summary>How an attempt reached its target.</summary>
public enum RestoreMethod
{
    /// <summary>A new copy of a base backup, replayed to the target.</summary>
    NewRestore,

    /// <summary>The previous attempt's server, paused at its target, replayed on to a later one: no new copy.</summary>
    ContinuedReplay,
}

/// <summary>
/// One restore to one target time. A rejection starts a new attempt: a new restore for an earlier time, or
/// the same server replayed on (same identifier) for a later time when the engine paused it at its target.
/// </summary>
public sealed record RestoreAttempt(int Number, DateTimeOffset Target, string Identifier)
{
    public RestoreMethod Method { get; init; } = RestoreMethod.NewRestore;
    public DateTimeOffset? RequestedAt { get; init; }
    public DatabaseEndpoint? Endpoint { get; init; }

    /// <summary>The server stopped at the target, read-only: it can replay on to a later target and must be promoted before the cutover.</summary>
    public bool PausedAtTarget { get; init; }

    /// <summary>From entering Restoring to the restore available.</summary>
    public TimeSpan? Took { get; init; }

    public ValidationReport? Validation { get; init; }
    public AttemptOutcome Outcome { get; init; } = AttemptOutcome.Pending;

    /// <summary>The engine's identifier for attempt <paramref name="number"/> of recovery <paramref name="recoveryId"/>; stable across restarts.</summary>
    public static string IdentifierFor(string recoveryId, int number) => $"pitr-{recoveryId}-a{number}";
}
