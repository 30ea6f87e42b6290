using System.Diagnostics;
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
            using var drill = await RunAsync(settings, cancellationToken, "drill", "--db", DemoEnvironment.Database, "--json");
            await environment.CorruptAsync(cancellationToken);
            using var suggestions = await RunAsync(settings, cancellationToken, "suggest", "--db", DemoEnvironment.Database, "--json");
            var target = suggestions.RootElement.EnumerateArray().First().GetProperty("target").GetDateTimeOffset();

            using var restore = await RunAsync(settings, cancellationToken, "restore", "--db", DemoEnvironment.Database,
                "--to", target.ToString("O", CultureInfo.InvariantCulture), "--json");
            var endpoint = restore.RootElement.GetProperty("restoredEndpoint");
            var restoredPort = endpoint.GetProperty("port").GetInt32();
            var rowsRestored = await DemoEnvironment.CountOrdersAsync(
                $"Host=127.0.0.1;Port={restoredPort};Username=postgres;Database={endpoint.GetProperty("database").GetString()};Pooling=false", cancellationToken);

            Assert.Contains(suggestions.RootElement.EnumerateArray(), s => s.GetProperty("what").GetString()!.StartsWith("DELETE", StringComparison.Ordinal));
            Assert.Contains(suggestions.RootElement.EnumerateArray(), s => s.GetProperty("what").GetString()!.Contains("DROP", StringComparison.Ordinal));
            Assert.Equal("Completed", drill.RootElement.GetProperty("outcome").GetString());
            Assert.True(drill.RootElement.GetProperty("drill").GetBoolean());
            Assert.DoesNotContain(Directory.GetDirectories(environment.WorkDir), d => Path.GetFileName(d).Contains(drill.RootElement.GetProperty("recoveryId").GetString()!, StringComparison.Ordinal));
            Assert.Equal("AwaitingApproval", restore.RootElement.GetProperty("state").GetString());
            Assert.True(restore.RootElement.GetProperty("validationPassed").GetBoolean());
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

    /// <summary>Runs <c>pitr</c> with the settings as environment variables; fails the test on a non-zero exit, returns its JSON output.</summary>
    private static async Task<JsonDocument> RunAsync(Dictionary<string, string?> settings, CancellationToken cancellationToken, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(typeof(PitrCli).Assembly.Location);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        Assert.True(process.ExitCode == 0, $"pitr {string.Join(' ', arguments)} exited {process.ExitCode}: {await errors}");
        return JsonDocument.Parse(await output);
    }
}
