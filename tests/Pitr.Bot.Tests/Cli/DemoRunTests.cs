using Pitr.Adapters.Local.Demo;
using System.Net.Sockets;
using Pitr.Bot.Demo;

namespace Pitr.Bot.Tests.Cli;

public sealed class DemoRunTests
{
    [Fact]
    public async Task Demo_recovers_every_row_and_moves_the_service_then_leaves_nothing_running()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var environment = await DemoEnvironment.StartAsync(cancellationToken);
        DemoReport report;
        int primaryPort;
        try
        {
            primaryPort = environment.Primary.Server.Port;
            report = await new DemoRun(TextWriter.Null).RunAsync(environment, cancellationToken);
        }
        finally
        {
            await environment.DisposeAsync();
        }

        Assert.Equal("Completed", report.Outcome);
        Assert.Equal(report.RowsBeforeCorruption, report.RowsRecovered);
        Assert.False(report.CorruptionPresent);
        Assert.NotEqual(report.ServiceDatabaseBefore?["port"]?.ToString(), report.ServiceDatabaseAfter?["port"]?.ToString());
        Assert.True(report.Succeeded);

        Assert.False(Directory.Exists(environment.Root));
        foreach (var port in new[] { primaryPort, environment.ServicePort, int.Parse(report.ServiceDatabaseAfter!["port"]!.ToString(), System.Globalization.CultureInfo.InvariantCulture) })
        {
            using var client = new TcpClient();
            await Assert.ThrowsAnyAsync<SocketException>(() => client.ConnectAsync("127.0.0.1", port, cancellationToken).AsTask());
        }
    }
}
