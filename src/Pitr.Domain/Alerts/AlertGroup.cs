namespace Pitr.Domain.Alerts;

/// <summary>One notification about a group of alerts, as the alerting system grouped them.</summary>
/// <param name="GroupKey">Identifies the group across every notification about it (repeats, changes, resolution).</param>
public sealed record AlertGroup(
    string GroupKey,
    AlertStatus Status,
    IReadOnlyDictionary<string, string> CommonLabels,
    IReadOnlyList<ReceivedAlert> Alerts);

/// <param name="EndsAt">When the alert ended; null while it has not.</param>
public sealed record ReceivedAlert(
    AlertStatus Status,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyDictionary<string, string> Annotations,
    DateTimeOffset StartsAt,
    DateTimeOffset? EndsAt)
{
    public const string NameLabel = "alertname";

    public string Name => Labels.GetValueOrDefault(NameLabel, "");
}

public enum AlertStatus
{
    Firing,
    Resolved,
}
