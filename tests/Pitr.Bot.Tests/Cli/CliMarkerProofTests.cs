using Pitr.Adapters.Local.Demo;
using Pitr.Bot.Cli;

namespace Pitr.Bot.Tests.Cli;

/// <summary>
/// <c>pitr drill --json</c> as an operator runs it, with the marker connection given as an environment variable, on a source that
/// does not track commit timestamps (the proof then targets the source's clock read just after the first marker's commit).
/// </summary>
public sealed class CliMarkerProofTests
{
    [Fact]
    public async Task A_drill_with_a_marker_connection_reports_the_first_marker_present_and_the_second_absent()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var environment = await DemoEnvironment.StartAsync(cancellationToken);
        try
        {
            await environment.PrepareAsync(cancellationToken);
            await environment.WriteWorkloadAsync(cancellationToken);
            await environment.Primary.SwitchWalAsync(cancellationToken);
            var settings = environment.Configuration(typeof(PitrCli).Assembly.Location);
            settings[$"Pitr:Databases:{DemoEnvironment.Database}:Drills:MarkerConnection"] = environment.Primary.ConnectionString();
            settings[$"Pitr:Databases:{DemoEnvironment.Database}:Policy:DrillMarkerWait"] = "00:01:00";

            using var drill = await PitrProcess.JsonAsync(settings, cancellationToken, "drill", "--db", DemoEnvironment.Database, "--json");

            Assert.Equal("Completed", drill.RootElement.GetProperty("outcome").GetString());
            var checks = drill.RootElement.GetProperty("checks").EnumerateArray()
                .ToDictionary(c => c.GetProperty("name").GetString()!, c => (c.GetProperty("passed").GetBoolean(), c.GetProperty("observed").GetString()));
            Assert.Equal((true, "present"), checks["marker before the target"]);
            Assert.Equal((true, "absent"), checks["marker after the target"]);
        }
        finally
        {
            await environment.DisposeAsync();
        }
    }
}
