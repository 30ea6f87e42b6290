namespace Pitr.Domain.Ports;

/// <summary>Decides whether the service is healthy again after the restart.</summary>
public interface IHealthProbe
{
    /// <summary>Probes until every check has been healthy for the configured stable period, or until <paramref name="timeout"/>.</summary>
    /// <param name="incidentAt">When the damage happened: links to dashboards cover the incident, not only the check.</param>
    ValueTask<HealthReport> WaitUntilHealthyAsync(TimeSpan timeout, DateTimeOffset incidentAt, CancellationToken cancellationToken);
}

public sealed record HealthReport(bool Healthy, IReadOnlyList<HealthCheckResult> Checks)
{
    /// <summary>A dashboard showing the service around the recovery, when the probe knows one.</summary>
    public Uri? Dashboard { get; init; }

    /// <summary>No probe is configured: nothing was checked, and the report says so rather than "healthy".</summary>
    public bool Skipped { get; init; }
}

public sealed record HealthCheckResult(string Name, bool Healthy, string Observed, string Threshold);
