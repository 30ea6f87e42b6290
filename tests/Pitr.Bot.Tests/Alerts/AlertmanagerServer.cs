using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;

namespace Pitr.Bot.Tests.Alerts;

/// <summary>
/// A real Alertmanager on loopback whose only receiver is the bot's webhook, with timings short
/// enough for tests: first notification after 1 s, repeats every 2 s, resolved notifications on.
/// </summary>
public sealed class AlertmanagerServer(Uri webhook, string token) : IAsyncDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("pitr-alertmanager-").FullName;
    private readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(5) };
    private Process? process;

    public Uri Url { get; private set; } = null!;

    public async Task StartAsync()
    {
        var port = FreePort();
        Url = new Uri($"http://127.0.0.1:{port}/");
        var config = Path.Combine(directory, "alertmanager.yml");
        await File.WriteAllTextAsync(config, $"""
            route:
              receiver: pitr
              group_by: ['alertname', 'database']
              group_wait: 1s
              group_interval: 1s
              repeat_interval: 2s
            receivers:
              - name: pitr
                webhook_configs:
                  - url: {webhook}
                    send_resolved: true
                    http_config:
                      authorization:
                        type: Bearer
                        credentials: {token}
            """);
        process = Process.Start(new ProcessStartInfo("prometheus-alertmanager",
            [$"--config.file={config}", $"--storage.path={directory}", $"--web.listen-address=127.0.0.1:{port}", "--cluster.listen-address=", "--log.level=warn"])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        }) ?? throw new InvalidOperationException("prometheus-alertmanager did not start (apt-get install -y prometheus-alertmanager)");
        process.ErrorDataReceived += (_, _) => { };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();

        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"prometheus-alertmanager exited with code {process.ExitCode}");
            }

            try
            {
                using var ready = await http.GetAsync(new Uri(Url, "-/ready"), limit.Token);
                if (ready.IsSuccessStatusCode)
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

    /// <summary>Raises (or, with <paramref name="endsAt"/> in the past, resolves) an alert through Alertmanager's own API.</summary>
    public async Task SendAsync(IReadOnlyDictionary<string, string> labels, DateTimeOffset startsAt, DateTimeOffset? endsAt = null, string summary = "Rows vanished from public.orders")
    {
        var alert = new Dictionary<string, object>
        {
            ["labels"] = labels,
            ["annotations"] = new Dictionary<string, string> { ["summary"] = summary },
            ["startsAt"] = startsAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        };
        if (endsAt is { } end)
        {
            alert["endsAt"] = end.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        }

        using var response = await http.PostAsJsonAsync(new Uri(Url, "api/v2/alerts"), new[] { alert });
        response.EnsureSuccessStatusCode();
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
        Directory.Delete(directory, recursive: true);
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
