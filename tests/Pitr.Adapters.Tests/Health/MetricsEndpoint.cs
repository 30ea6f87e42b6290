using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Pitr.Adapters.Tests.Health;

/// <summary>
/// The metrics page Prometheus scrapes in these tests: <c>pitr_test_value{case="..."}</c> series
/// whose values the tests set, or that alternate on every scrape to make a service flap.
/// </summary>
public sealed class MetricsEndpoint : IAsyncDisposable
{
    private readonly HttpListener listener = new();
    private readonly ConcurrentDictionary<string, Func<double>> series = new();
    private readonly ConcurrentDictionary<string, int> scrapes = new();
    private readonly Task serving;

    public MetricsEndpoint()
    {
        Port = FreePort.Next();
        listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        listener.Start();
        serving = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public void Set(string @case, double value) => series[@case] = () => value;

    /// <summary>Alternates between the two values on every scrape.</summary>
    public void Flap(string @case, double first, double second)
    {
        var served = 0;
        series[@case] = () => Interlocked.Increment(ref served) % 2 == 1 ? first : second;
    }

    /// <summary>How many times Prometheus has read the series so far.</summary>
    public int ScrapesOf(string @case) => scrapes.GetValueOrDefault(@case);

    public async ValueTask DisposeAsync()
    {
        listener.Stop();
        listener.Close();
        try
        {
            await serving;
        }
        catch (HttpListenerException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            var context = await listener.GetContextAsync();
            var page = new StringBuilder("# TYPE pitr_test_value gauge\n");
            foreach (var (name, value) in series)
            {
                page.Append(CultureInfo.InvariantCulture, $"pitr_test_value{{case=\"{name}\"}} {value()}\n");
                scrapes.AddOrUpdate(name, 1, (_, n) => n + 1);
            }

            var body = Encoding.UTF8.GetBytes(page.ToString());
            context.Response.ContentType = "text/plain; version=0.0.4";
            await context.Response.OutputStream.WriteAsync(body);
            context.Response.Close();
        }
    }
}

internal static class FreePort
{
    public static int Next()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
