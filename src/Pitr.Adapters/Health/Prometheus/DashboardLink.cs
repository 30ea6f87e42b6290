using System.Globalization;

namespace Pitr.Adapters.Health.Prometheus;

/// <summary>Fills a dashboard URL template with a time range, in Unix milliseconds as Grafana expects.</summary>
internal static class DashboardLink
{
    public static string Fill(string template, DateTimeOffset from, DateTimeOffset to) => template
        .Replace("{from}", from.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{to}", to.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);

    public static Uri? Create(string? template, DateTimeOffset from, DateTimeOffset to) =>
        template is not null && Uri.TryCreate(Fill(template, from, to), UriKind.Absolute, out var uri) ? uri : null;
}
