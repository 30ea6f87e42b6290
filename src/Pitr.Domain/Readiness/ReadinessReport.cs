using Pitr.Domain.Recoveries;

namespace Pitr.Domain.Readiness;

/// <param name="Why">Why nothing could be checked (unknown database), or null.</param>
public sealed record ReadinessReport(string Database, IReadOnlyList<ReadinessItem> Items, Refusal? Why = null)
{
    public bool Ready => Why is null && Items.All(i => i.Passed);
}

/// <param name="Fix">What to do when the item fails; null when it passes.</param>
public sealed record ReadinessItem(string Name, bool Passed, string Observed, string Expected, string? Fix);

/// <summary>What "ready for a recovery" means: the company's RPO, retention and drill targets.</summary>
public sealed record ReadinessTargets
{
    public int MinimumRetentionDays { get; init; } = 30;

    /// <summary>How far the latest restorable time may trail now: the recovery point objective.</summary>
    public TimeSpan MaximumLag { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Drills at least twice a year.</summary>
    public TimeSpan MaximumDrillAge { get; init; } = TimeSpan.FromDays(183);

    /// <summary>The earliest restorable time moves with the daily snapshot, so the window may fall short of the retention by up to a day.</summary>
    public TimeSpan WindowSlack { get; init; } = TimeSpan.FromDays(1);
}
