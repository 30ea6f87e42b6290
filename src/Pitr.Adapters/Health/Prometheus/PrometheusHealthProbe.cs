using Microsoft.Extensions.Logging;
using Pitr.Domain;
using Pitr.Domain.Ports;

namespace Pitr.Adapters.Health.Prometheus;

/// <summary>
/// The <c>prometheus</c> health probe: evaluates every configured query each interval until all of
/// them have stayed healthy for the stable period, or the timeout passes. A service that flaps
/// never stays healthy long enough, so it ends unhealthy with the query that failed last.
/// </summary>
internal sealed partial class PrometheusHealthProbe(
    string database,
    PrometheusProbeOptions options,
    PrometheusQueryClient client,
    TimeProvider clock,
    ILogger<PrometheusHealthProbe> logger) : IHealthProbe
{
    public const string HttpClientName = "prometheus";

    public async ValueTask<HealthReport> WaitUntilHealthyAsync(TimeSpan timeout, DateTimeOffset incidentAt, CancellationToken cancellationToken)
    {
        var started = clock.GetUtcNow();
        DateTimeOffset? healthySince = null;
        while (true)
        {
            var checks = await Task.WhenAll(options.Queries.Select(q => client.EvaluateAsync(q, cancellationToken)));
            var now = clock.GetUtcNow();
            if (checks.All(c => c.Healthy))
            {
                healthySince ??= now;
                if (now - healthySince >= options.StablePeriod)
                {
                    LogHealthy(logger, database, options.StablePeriod);
                    return Report(true, checks, started, incidentAt, now);
                }
            }
            else
            {
                healthySince = null;
                var failing = string.Join("; ", checks.Where(c => !c.Healthy).Select(c => $"{c.Name} = {c.Observed}"));
                LogUnhealthy(logger, database, failing);
            }

            var left = timeout - (now - started);
            if (left <= TimeSpan.Zero)
            {
                return Report(false, healthySince is { } since ? [.. checks, NotStable(now - since)] : checks, started, incidentAt, now);
            }

            await Task.Delay(left < options.Interval ? left : options.Interval, clock, cancellationToken);
        }
    }

    private HealthCheckResult NotStable(TimeSpan healthyFor) =>
        new("stable period", false, $"healthy for {TimeFormat.Duration(healthyFor)} only", $"≥ {TimeFormat.Duration(options.StablePeriod)}");

    private HealthReport Report(bool healthy, IReadOnlyList<HealthCheckResult> checks, DateTimeOffset started, DateTimeOffset incidentAt, DateTimeOffset now) =>
        new(healthy, checks) { Dashboard = DashboardLink.Create(options.DashboardUrl, (incidentAt < started ? incidentAt : started) - options.DashboardLookback, now) };

    [LoggerMessage(Level = LogLevel.Information, Message = "{Database}: every health query healthy for {Stable}")]
    private static partial void LogHealthy(ILogger logger, string database, TimeSpan stable);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Database}: unhealthy: {Failing}")]
    private static partial void LogUnhealthy(ILogger logger, string database, string failing);
}
