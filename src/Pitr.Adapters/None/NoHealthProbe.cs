using Pitr.Domain.Ports;

namespace Pitr.Adapters.None;

/// <summary>For databases with no health probe configured (<c>Health:Probe = none</c>): says so in the report.</summary>
internal sealed class NoHealthProbe : IHealthProbe
{
    public ValueTask<HealthReport> WaitUntilHealthyAsync(TimeSpan timeout, DateTimeOffset incidentAt, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new HealthReport(true, []) { Skipped = true });
}
