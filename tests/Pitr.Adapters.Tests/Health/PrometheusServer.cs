using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace Pitr.Adapters.Tests.Health;

/// <summary>A real Prometheus on loopback, scraping the test's <see cref="MetricsEndpoint"/> every second.</summary>
public sealed class PrometheusServer : IAsyncLifetime
{
    private readonly string directory = Directory.CreateTempSubdirectory("pitr-prometheus-").FullName;
    private readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(5) };
    private Process? process;

    public MetricsEndpoint Metrics { get; } = new();

    public Uri Url { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var port = FreePort.Next();
        Url = new Uri($"http://127.0.0.1:{port}/");
        var config = Path.Combine(directory, "prometheus.yml");
        await File.WriteAllTextAsync(config, $"""
            global:
              scrape_interval: 1s
              evaluation_interval: 1s
            scrape_configs:
              - job_name: pitr-test
                scrape_interval: 1s
                scrape_timeout: 1s
                static_configs:
                  - targets: ['127.0.0.1:{Metrics.Port}']
            """);
        process = Process.Start(new ProcessStartInfo("prometheus",
            [$"--config.file={config}", $"--web.listen-address=127.0.0.1:{port}", $"--storage.tsdb.path={Path.Combine(directory, "data")}", "--log.level=warn"])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        }) ?? throw new InvalidOperationException("prometheus did not start (apt-get install -y prometheus)");
        process.ErrorDataReceived += (_, _) => { };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        await WaitUntilScrapedAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process?.Dispose();
        http.Dispose();
        await Metrics.DisposeAsync();
        Directory.Delete(directory, recursive: true);
    }

    /// <summary>Waits until the scrape target is up, so tests start from a Prometheus that has data.</summary>
    private async Task WaitUntilScrapedAsync()
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            limit.Token.ThrowIfCancellationRequested();
            if (process!.HasExited)
            {
                throw new InvalidOperationException($"prometheus exited with code {process.ExitCode}");
            }

            try
            {
                using var answer = await http.GetFromJsonAsync<JsonDocument>(new Uri(Url, "api/v1/query?query=up"), limit.Token);
                var result = answer!.RootElement.GetProperty("data").GetProperty("result");
                if (result.GetArrayLength() > 0 && result[0].GetProperty("value")[1].GetString() == "1")
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(200, limit.Token);
        }
    }
}
