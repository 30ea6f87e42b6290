namespace Pitr.Adapters.Health.Prometheus;

/// <summary><c>Pitr:Databases:&lt;name&gt;:Health:Prometheus</c>: the queries that say the service is healthy again.</summary>
public sealed class PrometheusProbeOptions
{
    public const string Section = "Health:Prometheus";

    /// <summary>The Prometheus server, e.g. http://prometheus.monitoring:9090/.</summary>
    public Uri? Url { get; set; }

    public List<PrometheusQuery> Queries { get; set; } = [];

    /// <summary>How often every query is evaluated.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long every query must stay healthy before the service counts as healthy.</summary>
    public TimeSpan StablePeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long one query may take before it counts as unhealthy for that round.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Optional dashboard link; <c>{from}</c> and <c>{to}</c> become Unix milliseconds (Grafana's
    /// form), e.g. https://grafana.example.com/d/abc/orders?from={from}&amp;to={to}.
    /// </summary>
    public string? DashboardUrl { get; set; }

    /// <summary>How far before the incident the dashboard's time range starts, so the normal traffic before it shows too.</summary>
    public TimeSpan DashboardLookback { get; set; } = TimeSpan.FromMinutes(15);
}

/// <summary>One PromQL query and the value it must keep, e.g. the 5xx ratio at most 0.01.</summary>
public sealed class PrometheusQuery
{
    public string Name { get; set; } = "";

    public string Query { get; set; } = "";

    public double Threshold { get; set; }

    /// <summary>Whether healthy means at most (error ratios, latency) or at least (success ratios, ready replicas) the threshold.</summary>
    public HealthyWhen Healthy { get; set; } = HealthyWhen.AtMost;

    /// <summary>Whether an empty result (or NaN, e.g. no requests at all) counts as healthy; by default it does not.</summary>
    public bool NoDataIsHealthy { get; set; }

    public bool Accepts(double value) => Healthy == HealthyWhen.AtMost ? value <= Threshold : value >= Threshold;

    public string Expectation => $"{(Healthy == HealthyWhen.AtMost ? "≤" : "≥")} {PrometheusValue.Format(Threshold)}";
}

public enum HealthyWhen
{
    AtMost,
    AtLeast,
}
