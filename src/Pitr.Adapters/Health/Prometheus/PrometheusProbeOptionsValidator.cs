using Microsoft.Extensions.Options;
using Pitr.Adapters.Configuration;

namespace Pitr.Adapters.Health.Prometheus;

/// <summary>Start-up checks of each database's Prometheus probe, naming the exact setting to fix.</summary>
internal sealed class PrometheusProbeOptionsValidator : IValidateOptions<PrometheusProbeOptions>
{
    public ValidateOptionsResult Validate(string? name, PrometheusProbeOptions options)
    {
        var path = DatabaseSections.PathOf(name ?? "", PrometheusProbeOptions.Section);
        var problems = new List<string>();
        if (options.Url is not { IsAbsoluteUri: true } url || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            problems.Add($"{path}:Url must be the Prometheus server's http(s) address, e.g. http://prometheus:9090/.");
        }

        if (options.Queries.Count == 0)
        {
            problems.Add($"{path}:Queries needs at least one query (Name, Query, Threshold).");
        }

        for (var i = 0; i < options.Queries.Count; i++)
        {
            var query = options.Queries[i];
            if (string.IsNullOrWhiteSpace(query.Name) || string.IsNullOrWhiteSpace(query.Query))
            {
                problems.Add($"{path}:Queries:{i} needs a Name and a PromQL Query.");
            }

            if (!double.IsFinite(query.Threshold))
            {
                problems.Add($"{path}:Queries:{i}:Threshold must be a finite number.");
            }
        }

        if (options.Interval <= TimeSpan.Zero || options.RequestTimeout <= TimeSpan.Zero || options.StablePeriod < TimeSpan.Zero)
        {
            problems.Add($"{path}: Interval and RequestTimeout must be positive and StablePeriod not negative.");
        }

        if (options.DashboardUrl is { } template && !Uri.TryCreate(DashboardLink.Fill(template, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch), UriKind.Absolute, out _))
        {
            problems.Add($"{path}:DashboardUrl must be an absolute URL ({{from}} and {{to}} are filled in).");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
