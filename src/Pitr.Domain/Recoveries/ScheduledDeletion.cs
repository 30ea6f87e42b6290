namespace Pitr.Domain.Recoveries;

/// <summary>A database to delete once <see cref="DueAt"/> has passed (rejected restores, drills, decommissioned sources).</summary>
public sealed record ScheduledDeletion(string Identifier, DateTimeOffset DueAt, DeletionReason Why)
{
    public DateTimeOffset? DoneAt { get; init; }

    /// <summary>Why the last attempt failed; the deletion is tried again at <see cref="DueAt"/> unless it was given up.</summary>
    public string? LastError { get; init; }

    /// <summary>When the engine refused it for good (a missing permission); the bot no longer tries, a person deletes it.</summary>
    public DateTimeOffset? GivenUpAt { get; init; }

    /// <summary>Still the bot's to do.</summary>
    public bool IsPending => DoneAt is null && GivenUpAt is null;
}

public enum DeletionReason
{
    Rejected,
    Failed,
    Aborted,
    DrillFinished,
    RolledBack,
    Replaced,
}
