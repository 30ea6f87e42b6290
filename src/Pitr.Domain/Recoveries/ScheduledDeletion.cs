namespace Pitr.Domain.Recoveries;

/// <summary>A database to delete once <see cref="DueAt"/> has passed (rejected restores, drills, decommissioned sources).</summary>
public sealed record ScheduledDeletion(string Identifier, DateTimeOffset DueAt, DeletionReason Why)
{
    public DateTimeOffset? DoneAt { get; init; }

    /// <summary>Why the last attempt failed; the deletion is tried again at <see cref="DueAt"/>.</summary>
    public string? LastError { get; init; }
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
