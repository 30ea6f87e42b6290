using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Pitr.Bot.Hosting;

namespace Pitr.Bot.Observability;

/// <summary>Not ready while an announcement has waited longer than <see cref="RunnerOptions.ThreadBehindLimit"/> to reach its thread.</summary>
internal sealed class ThreadDispatcherHealthCheck(ThreadBacklogs backlogs, IOptions<RunnerOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var age = backlogs.OldestPendingAge;
        var description = $"{backlogs.PendingCount} announcements pending, the oldest for {age.TotalSeconds:0} s";
        return Task.FromResult(age > options.Value.ThreadBehindLimit
            ? HealthCheckResult.Unhealthy($"thread dispatcher behind: {description}")
            : HealthCheckResult.Healthy(description));
    }
}
