using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Pitr.Adapters.Health.Http;

namespace Pitr.Adapters.Tests.Health.Http;

public sealed class HttpHealthProbeTests : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly int port;
    private volatile int status = 200;
    private readonly string body = "{\"db\":\"pitr-r1-a1\"}";

    public HttpHealthProbeTests()
    {
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        _ = Task.Run(async () =>
        {
            while (listener.IsListening)
            {
                try
                {
                    var context = await listener.GetContextAsync();
                    context.Response.StatusCode = status;
                    await context.Response.OutputStream.WriteAsync(System.Text.Encoding.UTF8.GetBytes(body));
                    context.Response.Close();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
                {
                    return;
                }
            }
        });
    }

    public void Dispose() => listener.Close();

    [Fact]
    public async Task Healthy_when_every_check_answers_as_expected_for_the_stable_period()
    {
        var report = await Probe(bodyContains: "pitr-r1-a1").WaitUntilHealthyAsync(TimeSpan.FromSeconds(10), DateTimeOffset.UtcNow, TestContext.Current.CancellationToken);

        Assert.True(report.Healthy);
        Assert.Contains("HTTP 200", report.Checks.Single().Observed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unhealthy_with_what_it_saw_when_the_status_stays_wrong_until_the_deadline()
    {
        status = 503;

        var report = await Probe().WaitUntilHealthyAsync(TimeSpan.FromMilliseconds(300), DateTimeOffset.UtcNow, TestContext.Current.CancellationToken);

        Assert.False(report.Healthy);
        Assert.StartsWith("HTTP 503", report.Checks.Single().Observed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unhealthy_when_the_body_lacks_the_expected_text()
    {
        var report = await Probe(bodyContains: "pitr-r9-a9").WaitUntilHealthyAsync(TimeSpan.FromMilliseconds(300), DateTimeOffset.UtcNow, TestContext.Current.CancellationToken);

        Assert.False(report.Healthy);
    }

    private HttpHealthProbe Probe(string? bodyContains = null) => new(
        new HttpHealthOptions
        {
            Checks = { new HttpHealthCheck { Name = "app", Url = new Uri($"http://127.0.0.1:{port}/healthz"), BodyContains = bodyContains } },
            StablePeriod = TimeSpan.FromMilliseconds(200),
            Interval = TimeSpan.FromMilliseconds(50),
        },
        new ServiceCollection().AddHttpClient().BuildServiceProvider().GetRequiredService<IHttpClientFactory>(),
        TimeProvider.System,
        NullLogger<HttpHealthProbe>.Instance);
}
