namespace Pitr.Domain.Recoveries;

/// <summary>Rules every recovery follows, whatever its database.</summary>
public sealed record RecoveryRules
{
    /// <summary>Four-eyes: the person who approves the cutover is not the one who started the recovery.</summary>
    public bool RequireDistinctApprover { get; init; } = true;

    /// <summary>Roll back without asking when the service stays unhealthy after the cutover.</summary>
    public bool AutoRollbackOnUnhealthy { get; init; }

    /// <summary>How long a replaced or rolled-back database is kept for the post-mortem; then people are reminded to decommission it.</summary>
    public TimeSpan Retention { get; init; } = TimeSpan.FromHours(72);

    /// <summary>Lets people decommission (delete) a replaced source from the bot; off, the bot never deletes a database it did not create.</summary>
    public bool AllowSourceDecommission { get; init; }
}
