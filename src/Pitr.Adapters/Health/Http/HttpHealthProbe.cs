using Microsoft.Extensions.Logging;
using Pitr.Domain.Ports;

namespace Pitr.Adapters.Health.Http;

/// <summary>Polls plain HTTP endpoints until all of them have answered as expected for the stable period, or the time is up.</summary>
internal sealed partial class HttpHealthProbe(
    HttpHealthOptions options,
    IHttpClientFactory httpClients,
    TimeProvider clock,
    ILogger<HttpHealthProbe> logger) : IHealthProbe
{
    public async ValueTask<HealthReport> WaitUntilHealthyAsync(TimeSpan timeout, DateTimeOffset incidentAt, CancellationToken cancellationToken)
    {
        using var http = httpClients.CreateClient(nameof(HttpHealthProbe));
        var deadline = clock.GetUtcNow() + timeout;
        DateTimeOffset? healthySince = null;
        while (true)
        {
            var results = await Task.WhenAll(options.Checks.Select(c => ProbeAsync(http, c, cancellationToken)));
            var now = clock.GetUtcNow();
            if (results.All(r => r.Healthy))
            {
                healthySince ??= now;
                if (now - healthySince >= options.StablePeriod)
                {
                    return new HealthReport(true, results);
                }
            }
            else
            {
                healthySince = null;
            }

            if (now >= deadline)
            {
                LogUnhealthy(string.Join(", ", results.Where(r => !r.Healthy).Select(r => r.Name)));
                return new HealthReport(false, results);
            }

            await Task.Delay(options.Interval, clock, cancellationToken);
        }
    }

    private static async Task<HealthCheckResult> ProbeAsync(HttpClient http, HttpHealthCheck check, CancellationToken cancellationToken)
    {
        var threshold = check.BodyContains is null ? $"HTTP {check.ExpectStatus}" : $"HTTP {check.ExpectStatus} containing \"{check.BodyContains}\"";
        try
        {
            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            attempt.CancelAfter(TimeSpan.FromSeconds(10));
            using var response = await http.GetAsync(check.Url, attempt.Token);
            var body = await response.Content.ReadAsStringAsync(attempt.Token);
            var healthy = (int)response.StatusCode == check.ExpectStatus
                && (check.BodyContains is null || body.Contains(check.BodyContains, StringComparison.Ordinal));
            return new HealthCheckResult(check.Name, healthy, $"HTTP {(int)response.StatusCode} {Shorten(body)}", threshold);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new HealthCheckResult(check.Name, false, e is OperationCanceledException ? "no answer within 10s" : e.Message, threshold);
        }
    }

    private static string Shorten(string body)
    {
        var line = body.ReplaceLineEndings(" ").Trim();
        return line.Length <= 120 ? line : line[..117] + "...";
    }

    [LoggerMessage(LogLevel.Warning, "Health checks still failing at the deadline: {Checks}")]
    private partial void LogUnhealthy(string checks);
}
