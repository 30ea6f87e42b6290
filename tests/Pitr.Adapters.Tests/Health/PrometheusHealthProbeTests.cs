using Microsoft.Extensions.Logging.Abstractions;
using Pitr.Adapters.Health.Prometheus;
using Pitr.Domain.Ports;

namespace Pitr.Adapters.Tests.Health;

/// <summary>The probe against a real Prometheus scraping a metrics page the tests control.</summary>
public sealed class PrometheusHealthProbeTests(PrometheusServer prometheus) : IClassFixture<PrometheusServer>, IDisposable
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);
    private readonly HttpClient http = new();

    public void Dispose() => http.Dispose();

    [Fact]
    public async Task Healthy_when_every_query_stays_within_its_threshold()
    {
        prometheus.Metrics.Set("steady", 0.01);
        prometheus.Metrics.Set("replicas", 3);
        var probe = Probe(stable: TimeSpan.FromSeconds(2),
            Query("5xx ratio", "steady", 0.05),
            Query("ready replicas", "replicas", 2, HealthyWhen.AtLeast));

        var report = await probe.WaitUntilHealthyAsync(Generous, DateTimeOffset.UtcNow, TestContext.Current.CancellationToken);

        Assert.True(report.Healthy);
        Assert.Equal(["5xx ratio", "ready replicas"], report.Checks.Select(c => c.Name));
        Assert.All(report.Checks, c => Assert.True(c.Healthy));
        Assert.Equal(["0.01", "3"], report.Checks.Select(c => c.Observed));
        Assert.Equal(["≤ 0.05", "≥ 2"], report.Checks.Select(c => c.Threshold));
    }

    [Fact]
    public async Task Healthy_when_the_service_turns_healthy_before_the_timeout()
    {
        prometheus.Metrics.Set("recovering", 0.4);
        var probe = Probe(stable: TimeSpan.FromSeconds(2), Query("5xx ratio", "recovering", 0.05));
        var recover = Task.Run(async () =>
        {
            while (prometheus.Metrics.ScrapesOf("recovering") < 3)
            {
                await Task.Delay(100, TestContext.Current.CancellationToken);
            }

            prometheus.Metrics.Set("recovering", 0.001);
        }, TestContext.Current.CancellationToken);

        var report = await probe.WaitUntilHealthyAsync(Generous, DateTimeOffset.UtcNow, TestContext.Current.CancellationToken);
        await recover;

        Assert.True(report.Healthy);
        Assert.Equal("0.001", Assert.Single(report.Checks).Observed);
    }

    [Fact]
    public async Task Unhealthy_naming_the_failing_query_and_its_value_when_it_stays_over_the_threshold()
    {
        prometheus.Metrics.Set("broken", 0.5);
        prometheus.Metrics.Set("fine", 0.0);
        await UntilScrapedAsync("broken");
        var probe = Probe(stable: TimeSpan.Zero, Query("5xx ratio", "broken", 0.05), Query("p99 latency", "fine", 0.3));

        var report = await probe.WaitUntilHealthyAsync(TimeSpan.FromSeconds(3), DateTimeOffset.UtcNow, TestContext.Current.CancellationToken);

        Assert.False(report.Healthy);
        var failing = Assert.Single(report.Checks, c => !c.Healthy);
        Assert.Equal("5xx ratio", failing.Name);
        Assert.Equal("0.5", failing.Observed);
        Assert.Equal("≤ 0.05", failing.Threshold);
    }

    [Fact]
    public async Task Unhealthy_naming_the_worst_series_when_one_of_several_is_over_the_threshold()
    {
        prometheus.Metrics.Set("pod-a", 0.01);
        prometheus.Metrics.Set("pod-b", 0.7);
        await UntilScrapedAsync("pod-b");
        var probe = Probe(stable: TimeSpan.Zero, new PrometheusQuery { Name = "5xx ratio", Query = "max by (case) (pitr_test_value{case=~\"pod-.\"})", Threshold = 0.05 });

        var report = await probe.WaitUntilHealthyAsync(TimeSpan.Zero, DateTimeOffset.UtcNow, TestContext.Current.CancellationToken);

        Assert.False(report.Healthy);
        Assert.Equal("0.7 {case=\"pod-b\"}", Assert.Single(report.Checks).Observed);
    }

    [Fact]
    public async Task Unhealthy_when_the_service_flaps_and_never_stays_healthy_for_the_stable_period()
    {
        prometheus.Metrics.Flap("flapping", 0.0, 0.9);
        await UntilScrapedAsync("flapping");
        var probe = Probe(stable: TimeSpan.FromSeconds(5), Query("5xx ratio", "flapping", 0.05));

        var report = await probe.WaitUntilHealthyAsync(TimeSpan.FromSeconds(8), DateTimeOffset.UtcNow, TestContext.Current.CancellationToken);

        Assert.True(prometheus.Metrics.ScrapesOf("flapping") >= 4, "the service flapped several times while probed");
        Assert.False(report.Healthy);
        Assert.Contains(report.Checks, c => !c.Healthy && c.Name is "5xx ratio" or "stable period");
    }

    [Fact]
    public async Task Unhealthy_saying_prometheus_is_unreachable_when_nothing_answers()
    {
        var probe = Probe(new Uri($"http://127.0.0.1:{FreePort.Next()}/"), TimeSpan.Zero, Query("5xx ratio", "steady", 0.05));

        var report = await probe.WaitUntilHealthyAsync(TimeSpan.FromSeconds(1), DateTimeOffset.UtcNow, TestContext.Current.CancellationToken);

        Assert.False(report.Healthy);
        var check = Assert.Single(report.Checks);
        Assert.False(check.Healthy);
        Assert.StartsWith("Prometheus unreachable", check.Observed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unhealthy_with_prometheus_own_error_when_the_query_is_invalid()
    {
        var probe = Probe(stable: TimeSpan.Zero, new PrometheusQuery { Name = "typo", Query = "sum(rate(", Threshold = 1 });

        var report = await probe.WaitUntilHealthyAsync(TimeSpan.Zero, DateTimeOffset.UtcNow, TestContext.Current.CancellationToken);

        Assert.False(report.Healthy);
        Assert.StartsWith("query error: ", Assert.Single(report.Checks).Observed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_data_counts_as_healthy_only_when_configured_so()
    {
        var strict = Query("5xx ratio", "never-served", 0.05);
        var lenient = Query("5xx ratio", "never-served", 0.05);
        lenient.NoDataIsHealthy = true;

        var refused = await Probe(stable: TimeSpan.Zero, strict).WaitUntilHealthyAsync(TimeSpan.Zero, DateTimeOffset.UtcNow, TestContext.Current.CancellationToken);
        var accepted = await Probe(stable: TimeSpan.Zero, lenient).WaitUntilHealthyAsync(TimeSpan.Zero, DateTimeOffset.UtcNow, TestContext.Current.CancellationToken);

        Assert.False(refused.Healthy);
        Assert.Equal("no data", Assert.Single(refused.Checks).Observed);
        Assert.True(accepted.Healthy);
    }

    [Fact]
    public async Task Report_links_the_dashboard_over_the_incident_and_the_check()
    {
        prometheus.Metrics.Set("linked", 0);
        var options = Options(prometheus.Url, TimeSpan.Zero, Query("5xx ratio", "linked", 0.05));
        options.DashboardUrl = "https://grafana.example.com/d/orders?orgId=1&from={from}&to={to}";
        options.DashboardLookback = TimeSpan.FromMinutes(30);

        var incidentAt = DateTimeOffset.UtcNow.AddHours(-2);

        var report = await Probe(options).WaitUntilHealthyAsync(Generous, incidentAt, TestContext.Current.CancellationToken);

        var query = System.Web.HttpUtility.ParseQueryString(report.Dashboard!.Query);
        var from = DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(query["from"]!, System.Globalization.CultureInfo.InvariantCulture));
        var to = DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(query["to"]!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("grafana.example.com", report.Dashboard.Host);
        Assert.Equal(incidentAt.AddMinutes(-30).ToUnixTimeMilliseconds(), from.ToUnixTimeMilliseconds());
        Assert.InRange(DateTimeOffset.UtcNow - to, TimeSpan.Zero, TimeSpan.FromMinutes(1));
    }

    private async Task UntilScrapedAsync(string @case)
    {
        var seen = prometheus.Metrics.ScrapesOf(@case);
        while (prometheus.Metrics.ScrapesOf(@case) < seen + 2)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    private static PrometheusQuery Query(string name, string @case, double threshold, HealthyWhen healthy = HealthyWhen.AtMost) =>
        new() { Name = name, Query = $"pitr_test_value{{case=\"{@case}\"}}", Threshold = threshold, Healthy = healthy };

    private PrometheusHealthProbe Probe(TimeSpan stable, params PrometheusQuery[] queries) => Probe(prometheus.Url, stable, queries);

    private PrometheusHealthProbe Probe(Uri url, TimeSpan stable, params PrometheusQuery[] queries) => Probe(Options(url, stable, queries));

    private PrometheusHealthProbe Probe(PrometheusProbeOptions options) =>
        new("orders", options, new PrometheusQueryClient(http, options.Url!, options.RequestTimeout), TimeProvider.System, NullLogger<PrometheusHealthProbe>.Instance);

    private static PrometheusProbeOptions Options(Uri url, TimeSpan stable, params PrometheusQuery[] queries) => new()
    {
        Url = url,
        Queries = [.. queries],
        Interval = TimeSpan.FromMilliseconds(500),
        StablePeriod = stable,
        RequestTimeout = TimeSpan.FromSeconds(5),
    };
}
