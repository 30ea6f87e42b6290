using System.Net.Http.Json;
using System.Text.Json;
using Pitr.Domain.Ports;

namespace Pitr.Adapters.Health.Prometheus;

/// <summary>Evaluates one query through <c>/api/v1/query</c> and judges the answer against its threshold.</summary>
/// <remarks>Never throws for Prometheus' failures: an unreachable server or a bad query is an unhealthy result that says why.</remarks>
internal sealed class PrometheusQueryClient(HttpClient http, Uri server, TimeSpan requestTimeout)
{
    private sealed record Sample(string Series, double Value);

    public async Task<HealthCheckResult> EvaluateAsync(PrometheusQuery query, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(requestTimeout);
        try
        {
            var uri = new Uri(server, "api/v1/query?query=" + Uri.EscapeDataString(query.Query));
            using var response = await http.GetAsync(uri, timeout.Token);
            using var answer = await ReadJsonAsync(response, timeout.Token);
            if (answer is null)
            {
                return Result(query, false, $"Prometheus answered HTTP {(int)response.StatusCode}");
            }

            var root = answer.RootElement;
            if (root.GetProperty("status").GetString() != "success")
            {
                return Result(query, false, $"query error: {root.GetProperty("error").GetString()}");
            }

            return Judge(query, Samples(root.GetProperty("data")));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Result(query, false, $"Prometheus did not answer within {requestTimeout.TotalSeconds:0.#}s");
        }
        catch (HttpRequestException e)
        {
            return Result(query, false, $"Prometheus unreachable: {e.Message}");
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return Result(query, false, $"unreadable answer from Prometheus: {e.Message}");
        }
    }

    private static async Task<JsonDocument?> ReadJsonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        // Prometheus answers query errors (bad PromQL, timeouts) with 4xx/5xx and a JSON body that says why.
        if (response.Content.Headers.ContentType?.MediaType != "application/json")
        {
            return null;
        }

        return await response.Content.ReadFromJsonAsync<JsonDocument>(cancellationToken);
    }

    private static List<Sample> Samples(JsonElement data) => data.GetProperty("resultType").GetString() switch
    {
        "vector" => [.. data.GetProperty("result").EnumerateArray().Select(s => new Sample(Series(s.GetProperty("metric")), Value(s.GetProperty("value"))))],
        "scalar" => [new Sample("", Value(data.GetProperty("result")))],
        var other => throw new InvalidOperationException($"result type '{other}' (the query must give an instant vector or a scalar)"),
    };

    private static double Value(JsonElement pair) => PrometheusValue.Parse(pair[1].GetString() ?? "NaN");

    private static string Series(JsonElement metric)
    {
        var labels = metric.EnumerateObject().Where(l => l.Name != "__name__").Select(l => $"{l.Name}=\"{l.Value.GetString()}\"").ToList();
        return labels.Count == 0 ? "" : "{" + string.Join(",", labels) + "}";
    }

    /// <summary>Every series must meet the threshold; the one furthest from it is shown, with its labels when there are several.</summary>
    private static HealthCheckResult Judge(PrometheusQuery query, List<Sample> samples)
    {
        var numbers = samples.Where(s => !double.IsNaN(s.Value)).ToList();
        if (numbers.Count == 0)
        {
            return Result(query, query.NoDataIsHealthy, "no data");
        }

        var worst = query.Healthy == HealthyWhen.AtMost ? numbers.MaxBy(s => s.Value)! : numbers.MinBy(s => s.Value)!;
        var shown = numbers.Count > 1 ? $"{PrometheusValue.Format(worst.Value)} {worst.Series}" : PrometheusValue.Format(worst.Value);
        return Result(query, query.Accepts(worst.Value), shown);
    }

    private static HealthCheckResult Result(PrometheusQuery query, bool healthy, string observed) =>
        new(query.Name, healthy, observed, query.Expectation);
}
