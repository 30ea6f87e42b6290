using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Pitr.Bot.Observability;
using Prometheus;

namespace Pitr.Bot.Tests.Observability;

public sealed class OutboundCallMetricsTests
{
    [Fact]
    public async Task Counts_each_call_by_service_and_outcome_including_connection_failures()
    {
        var services = new ServiceCollection();
        services.AddOutboundCallMetrics();
        services.AddHttpClient("unreachable-service");
        using var provider = services.BuildServiceProvider();
        using var http = provider.GetRequiredService<IHttpClientFactory>().CreateClient("unreachable-service");

        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(new Uri($"http://127.0.0.1:{ClosedPort()}/")));
        using var exported = new MemoryStream();
        await Metrics.DefaultRegistry.CollectAndExportAsTextAsync(exported);
        var text = System.Text.Encoding.UTF8.GetString(exported.ToArray());

        Assert.Contains("pitr_outbound_call_duration_seconds_count{service=\"unreachable-service\",outcome=\"error\"} 1", text, StringComparison.Ordinal);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
