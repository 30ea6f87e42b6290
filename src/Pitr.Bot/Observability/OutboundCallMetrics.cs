using System.Diagnostics;
using Prometheus;

namespace Pitr.Bot.Observability;

/// <summary>
/// Latency and outcome of every call the bot makes through a named HttpClient (Slack, RDS, Secrets
/// Manager, Prometheus, …): <c>pitr_outbound_call_duration_seconds{service,outcome}</c>.
/// </summary>
internal sealed class OutboundCallMetrics(string service) : DelegatingHandler
{
    private static readonly Histogram Duration = Metrics.CreateHistogram(
        "pitr_outbound_call_duration_seconds",
        "Calls to the services the bot depends on, by service and outcome (2xx, 4xx, 5xx, error).",
        new HistogramConfiguration
        {
            LabelNames = ["service", "outcome"],
            Buckets = Histogram.ExponentialBuckets(0.005, 2, 14),
        });

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var outcome = "error";
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            outcome = $"{(int)response.StatusCode / 100}xx";
            return response;
        }
        finally
        {
            Duration.WithLabels(service, outcome).Observe(Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
    }
}
