using Pitr.Adapters.Local.Demo;
using Pitr.Bot.Cli;

namespace Pitr.Bot.Tests.Cli;

/// <summary><c>pitr drill --all</c> as an operator runs it: the real process, two databases restored from a real WAL archive.</summary>
public sealed class CliFleetDrillTests
{
    [Fact]
    public async Task Drill_all_drills_every_database_prints_one_summary_and_leaves_no_restore_behind()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var environment = await DemoEnvironment.StartAsync(cancellationToken);
        await environment.PrepareAsync(cancellationToken);
        await environment.WriteWorkloadAsync(cancellationToken);
        await environment.Primary.SwitchWalAsync(cancellationToken);
        var settings = environment.Configuration(typeof(PitrCli).Assembly.Location);

        // A second database drilled from the same archive: the fleet is two.
        var demo = $"Pitr:Databases:{DemoEnvironment.Database}:";
        foreach (var (key, value) in settings.Where(s => s.Key.StartsWith(demo, StringComparison.Ordinal)).ToList())
        {
            settings["Pitr:Databases:copy:" + key[demo.Length..]] = value;
        }

        using var json = await PitrProcess.JsonAsync(settings, cancellationToken, "drill", "--all", "--json");
        var text = await PitrProcess.RunAsync(settings, cancellationToken, "drill", "--all");

        var fleet = json.RootElement;
        Assert.True(fleet.GetProperty("allPassed").GetBoolean());
        Assert.Equal(["copy", DemoEnvironment.Database], fleet.GetProperty("drills").EnumerateArray().Select(d => d.GetProperty("database").GetString()));
        Assert.All(fleet.GetProperty("drills").EnumerateArray(), d =>
        {
            Assert.True(d.GetProperty("passed").GetBoolean());
            Assert.Equal("Completed", d.GetProperty("report").GetProperty("outcome").GetString());
            Assert.True(d.GetProperty("report").GetProperty("rtoSeconds").GetDouble() > 0);
            Assert.True(d.GetProperty("lagSeconds").GetDouble() >= 0);
        });
        Assert.Equal(0, text.ExitCode);
        Assert.Contains("\n✓ Fleet drill: 2/2 databases passed (RTO budget 15m 00s)\n• copy ✓ passed · RTO ", text.Output, StringComparison.Ordinal);
        Assert.Empty(Directory.GetDirectories(environment.WorkDir));
    }
}
