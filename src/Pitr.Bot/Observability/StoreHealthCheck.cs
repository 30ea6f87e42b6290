using Microsoft.Extensions.Diagnostics.HealthChecks;
using IRecoveryStore = Pitr.Domain.Ports.IRecoveryStore;

namespace Pitr.Bot.Observability;

/// <summary>Ready only when the recovery store answers: without it nothing can be recorded.</summary>
internal sealed class StoreHealthCheck(IRecoveryStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await store.ListRecentAsync(null, 1, cancellationToken);
            return HealthCheckResult.Healthy("recovery store reachable");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"recovery store unreachable: {Redactor.Redact(e.Message)}");
        }
    }
}
