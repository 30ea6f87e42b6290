using System.Globalization;
using System.Net.Sockets;
using System.Text.Json;
using Pitr.Adapters.Local.Demo;
using Pitr.Bot.Cli;

namespace Pitr.Bot.Tests.Cli;

/// <summary>
/// The break-glass verbs as an operator runs them: the real <c>pitr</c> process, configured through
/// <c>Pitr__...</c> environment variables, against a real primary with a WAL archive that holds an incident.
/// </summary>
public sealed class CliVerbsTests
{
    [Fact]
    public async Task Suggest_drill_and_restore_work_from_the_command_line_and_leave_nothing_running()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var environment = await DemoEnvironment.StartAsync(cancellationToken);
        try
        {
            await environment.PrepareAsync(cancellationToken);
            var rowsBefore = await environment.WriteWorkloadAsync(cancellationToken);
            await environment.Primary.SwitchWalAsync(cancellationToken);
            var settings = environment.Configuration(typeof(PitrCli).Assembly.Location);

            // A drill on the healthy history, then the incident, then the break-glass recovery from it.
            using var drill = await PitrProcess.JsonAsync(settings, cancellationToken, "drill", "--db", DemoEnvironment.Database, "--json");
            await environment.CorruptAsync(cancellationToken);
            using var suggestions = await PitrProcess.JsonAsync(settings, cancellationToken, "suggest", "--db", DemoEnvironment.Database, "--json");
            var target = suggestions.RootElement.EnumerateArray().First().GetProperty("target").GetDateTimeOffset();

            using var restore = await PitrProcess.JsonAsync(settings, cancellationToken, "restore", "--db", DemoEnvironment.Database,
                "--to", target.ToString("O", CultureInfo.InvariantCulture), "--json");
            var endpoint = restore.RootElement.GetProperty("restoredEndpoint");
            var restoredPort = endpoint.GetProperty("port").GetInt32();
            var rowsRestored = await DemoEnvironment.CountOrdersAsync(
                $"Host=127.0.0.1;Port={restoredPort};Username=postgres;Database={endpoint.GetProperty("database").GetString()};Pooling=false", cancellationToken);

            Assert.Contains(suggestions.RootElement.EnumerateArray(), s => s.GetProperty("what").GetString() == $"DELETE of {rowsBefore * 3 / 4} rows from public.orders");
            Assert.Contains(suggestions.RootElement.EnumerateArray(), s => s.GetProperty("what").GetString()!.Contains("DROP", StringComparison.Ordinal));
            Assert.Equal("Completed", drill.RootElement.GetProperty("outcome").GetString());
            Assert.True(drill.RootElement.GetProperty("drill").GetBoolean());
            Assert.DoesNotContain(Directory.GetDirectories(environment.WorkDir), d => Path.GetFileName(d).Contains(drill.RootElement.GetProperty("recoveryId").GetString()!, StringComparison.Ordinal));
            Assert.Equal("AwaitingApproval", restore.RootElement.GetProperty("state").GetString());
            Assert.True(restore.RootElement.GetProperty("validationPassed").GetBoolean());
            Assert.True(restore.RootElement.GetProperty("pausedAtTarget").GetBoolean());
            Assert.Equal(["confirmation", "restore", "validation", "approval"], restore.RootElement.GetProperty("phases").EnumerateObject().Select(p => p.Name));
            Assert.True(restore.RootElement.GetProperty("phases").GetProperty("restore").GetDouble() > 0);
            Assert.Equal(rowsBefore, rowsRestored);

            await environment.DisposeAsync();
            using var client = new TcpClient();
            await Assert.ThrowsAnyAsync<SocketException>(() => client.ConnectAsync("127.0.0.1", restoredPort, cancellationToken).AsTask());
        }
        finally
        {
            await environment.DisposeAsync();
        }
    }
}
