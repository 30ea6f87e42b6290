using Pitr.Domain.Ports;

namespace Pitr.Adapters.Aws.CloudWatch;

/// <summary>
/// The health gate on CloudWatch alarms: healthy once every configured alarm has been OK for the stable
/// period; unhealthy at the deadline, naming each alarm that is not OK and CloudWatch's reason. An alarm
/// configured by name that does not exist is unhealthy too: a gate that watches nothing must not pass.
/// </summary>
internal sealed class CloudWatchAlarmProbe(CloudWatchAlarmsClient alarms, CloudWatchProbeOptions options, TimeProvider clock) : IHealthProbe
{
    public async ValueTask<HealthReport> WaitUntilHealthyAsync(TimeSpan timeout, DateTimeOffset incidentAt, CancellationToken cancellationToken)
    {
        var deadline = clock.GetUtcNow() + timeout;
        DateTimeOffset? okSince = null;
        while (true)
        {
            var checks = await CheckAsync(cancellationToken);
            var now = clock.GetUtcNow();
            okSince = checks.All(c => c.Healthy) ? okSince ?? now : null;
            if (okSince is { } since && now - since >= options.StablePeriod)
            {
                return new HealthReport(true, checks) { Dashboard = options.Dashboard };
            }

            if (now >= deadline)
            {
                return new HealthReport(false, checks) { Dashboard = options.Dashboard };
            }

            await Task.Delay(options.Interval, clock, cancellationToken);
        }
    }

    private async Task<IReadOnlyList<HealthCheckResult>> CheckAsync(CancellationToken cancellationToken)
    {
        var found = await alarms.DescribeAsync([.. options.AlarmNames], options.AlarmNamePrefix, cancellationToken);
        var missing = options.AlarmNames.Where(name => found.All(a => a.Name != name))
            .Select(name => new HealthCheckResult(name, false, "no such alarm in CloudWatch", "OK"));
        var prefixMatchedNothing = options.AlarmNamePrefix is { Length: > 0 } prefix && !found.Any(a => a.Name.StartsWith(prefix, StringComparison.Ordinal))
            ? [new HealthCheckResult($"{prefix}*", false, "no alarm has this prefix", "OK")]
            : Array.Empty<HealthCheckResult>();
        return [.. found.Select(a => new HealthCheckResult(a.Name, a.Ok, a.Ok ? "OK" : $"{a.Value}: {a.Reason}", "OK")), .. missing, .. prefixMatchedNothing];
    }
}
