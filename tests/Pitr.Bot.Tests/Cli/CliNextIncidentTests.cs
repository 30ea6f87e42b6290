using System.Globalization;
using System.Text.Json.Nodes;
using Pitr.Adapters.Local.Demo;
using Pitr.Bot.Cli;
using Pitr.Bot.Tests.Support;

namespace Pitr.Bot.Tests.Cli;

/// <summary>
/// The incident after the incident, from terminals only: the first recovery's cutover makes its restore
/// production and protects it; production takes orders for an hour (of fake wall-clock time: libfaketime moves
/// the clock of the <c>pitr</c> processes and of every server they start), is damaged again, and the next
/// recovery restores from it (not from the old source) to the second chosen.
/// </summary>
public sealed class CliNextIncidentTests
{
    [Fact]
    public async Task The_next_incident_an_hour_later_is_recovered_exactly_from_the_restored_production()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var clock = FakeWallClock.Start();
        var environment = await DemoEnvironment.StartAsync(cancellationToken);
        try
        {
            await environment.PrepareAsync(cancellationToken);
            var rowsFirst = await environment.WriteWorkloadAsync(cancellationToken);
            await environment.Primary.SwitchWalAsync(cancellationToken);
            var settings = new Dictionary<string, string?>(environment.Configuration(typeof(PitrCli).Assembly.Location))
            {
                [$"{CliPerson.AllowedUsersKey}:0"] = "alice",
                [$"{CliPerson.AllowedUsersKey}:1"] = "bob",
            };
            foreach (var (name, value) in clock.Environment)
            {
                settings[name] = value;
            }

            await environment.CorruptAsync(cancellationToken);
            using var suggested = await PitrProcess.JsonAsync(settings, cancellationToken, "suggest", "--db", DemoEnvironment.Database, "--json");
            var firstTarget = suggested.RootElement.EnumerateArray().First().GetProperty("target").GetDateTimeOffset();
            var first = await RecoverAsync(settings, firstTarget, cancellationToken);
            var production = Sql.OnLoopback(JsonNode.Parse(await File.ReadAllTextAsync(environment.SecretFile, cancellationToken))!["port"]!.GetValue<int>());

            // Production goes on on the restored server: orders, an hour, more orders, the second's target, then the damage.
            await Sql.ExecuteAsync(production, "insert into orders(item) select 'after the cutover ' || g from generate_series(1, 20) g", cancellationToken);
            await clock.AdvanceAsync(TimeSpan.FromHours(1), cancellationToken);
            await Sql.ExecuteAsync(production, "insert into orders(item) select 'after the cutover, an hour later ' || g from generate_series(1, 20) g", cancellationToken);
            var rowsSecond = await DemoEnvironment.CountOrdersAsync(production, cancellationToken);
            await Task.Delay(TimeSpan.FromSeconds(1.1), cancellationToken);
            var secondTarget = await ClockOfAsync(production, cancellationToken);
            await Task.Delay(TimeSpan.FromSeconds(1.1), cancellationToken);
            await Sql.ExecuteAsync(production, "delete from orders where item like 'after the cutover%'", cancellationToken);
            await Sql.ExecuteAsync(production, "select pg_switch_wal()", cancellationToken);
            var second = await RecoverAsync(settings, secondTarget, cancellationToken);

            Assert.True(secondTarget - firstTarget > TimeSpan.FromHours(1), $"the second target {secondTarget:O} is not an hour after the first {firstTarget:O}");
            Assert.True(second.GetProperty("requestedAt").GetDateTimeOffset() - first.GetProperty("completedAt").GetDateTimeOffset() > TimeSpan.FromHours(1), "the bot's clock did not move on an hour");
            var firstRestore = first.GetProperty("restoredEndpoint").GetProperty("port").GetInt32();
            Assert.Equal(rowsFirst, await DemoEnvironment.CountOrdersAsync(Sql.OnLoopback(firstRestore), cancellationToken));
            Assert.Equal(DemoEnvironment.Database, first.GetProperty("source").GetString());
            Assert.StartsWith($"pitr-{first.GetProperty("recoveryId").GetString()}-a", second.GetProperty("source").GetString(), StringComparison.Ordinal);
            var secondRestore = Sql.OnLoopback(second.GetProperty("restoredEndpoint").GetProperty("port").GetInt32());
            Assert.Equal(rowsSecond, await DemoEnvironment.CountOrdersAsync(secondRestore, cancellationToken));
            Assert.Equal(40L, await Sql.ScalarAsync<long>(secondRestore, "select count(*) from orders where item like 'after the cutover%'", cancellationToken));
        }
        finally
        {
            await environment.DisposeAsync();
        }
    }

    /// <summary>alice plans and confirms, bob approves; waits for the target to be archived first, as a person would retry.</summary>
    private static async Task<System.Text.Json.JsonElement> RecoverAsync(Dictionary<string, string?> settings, DateTimeOffset target, CancellationToken cancellationToken)
    {
        var to = target.ToString("O", CultureInfo.InvariantCulture);
        PitrProcess.Outcome planned;
        var tries = 0;
        while ((planned = await PitrProcess.RunAsync(settings, cancellationToken, "start", "--db", DemoEnvironment.Database, "--to", to, "--as", "alice", "--json")).ExitCode != 0)
        {
            Assert.True(++tries < 60, $"pitr start kept refusing {to}: {planned.Errors}");
            await Task.Delay(500, cancellationToken);
        }

        var id = planned.Json().RootElement.GetProperty("recoveryId").GetString()!;
        using var confirmed = await PitrProcess.JsonAsync(settings, cancellationToken, "confirm", id, "--as", "alice", "--json");
        using var approved = await PitrProcess.JsonAsync(settings, cancellationToken, "approve", id, "--as", "bob", "--json");
        Assert.Equal("Completed", approved.RootElement.GetProperty("state").GetString());
        using var status = await PitrProcess.JsonAsync(settings, cancellationToken, "status", id, "--json");
        return status.RootElement.Clone();
    }

    /// <summary>The wall clock production's server reads (the fake one), not the test's.</summary>
    private static async Task<DateTimeOffset> ClockOfAsync(string connectionString, CancellationToken cancellationToken) =>
        new(await Sql.ScalarAsync<DateTime>(connectionString, "select clock_timestamp()", cancellationToken), TimeSpan.Zero);
}
