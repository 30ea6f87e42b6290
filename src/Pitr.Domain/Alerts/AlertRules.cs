namespace Pitr.Domain.Alerts;

/// <summary>Which alerts become recovery proposals, where they are posted, and how the target is suggested.</summary>
public sealed record AlertRules
{
    /// <summary>Alert names that propose a recovery (e.g. DataCorruptionSuspected); every other alert is ignored.</summary>
    public IReadOnlySet<string> AlertNames { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>The incident channel the proposals go to.</summary>
    public string Channel { get; init; } = "";

    /// <summary>The label naming the affected database; without it the default database is meant.</summary>
    public string DatabaseLabel { get; init; } = "database";

    /// <summary>Without a history-based suggestion, the target is the alert's start minus this margin.</summary>
    public TimeSpan SuggestionMargin { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>How far before the alert's start the database's history is searched for destructive transactions.</summary>
    public TimeSpan AdvisorLookback { get; init; } = TimeSpan.FromHours(1);
}
