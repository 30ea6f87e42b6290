using System.Globalization;
using System.Text.Json.Nodes;
using Pitr.Adapters.Local.Demo;
using Pitr.Bot.Cli;
using Pitr.Bot.Tests.Support;

namespace Pitr.Bot.Tests.Cli;

/// <summary>
/// Pause-and-verify through the real <c>pitr</c> process: a restore to a time too early is moved later by Reject,
/// which replays the same paused server on (no new copy), lands exactly, and is promoted at Approve before the
/// secret moves.
/// </summary>
public sealed class CliRetargetTests
{
    [Fact]
    public async Task A_later_target_replays_the_paused_restore_on_lands_exactly_and_is_promoted_at_the_cutover()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var environment = await DemoEnvironment.StartAsync(cancellationToken);
        try
        {
            await environment.PrepareAsync(cancellationToken);
            var rowsEarly = await environment.WriteWorkloadAsync(cancellationToken);
            await Task.Delay(TimeSpan.FromSeconds(1.1), cancellationToken);
            var early = DateTimeOffset.UtcNow;
            await Task.Delay(TimeSpan.FromSeconds(1.1), cancellationToken);
            var rowsLater = await environment.WriteWorkloadAsync(cancellationToken);
            var settings = new Dictionary<string, string?>(environment.Configuration(typeof(PitrCli).Assembly.Location))
            {
                [$"{CliPerson.AllowedUsersKey}:0"] = "alice",
                [$"{CliPerson.AllowedUsersKey}:1"] = "bob",
            };
            await environment.CorruptAsync(cancellationToken);
            using var suggested = await PitrProcess.JsonAsync(settings, cancellationToken, "suggest", "--db", DemoEnvironment.Database, "--json");
            var later = suggested.RootElement.EnumerateArray().First().GetProperty("target").GetDateTimeOffset();

            using var planned = await PitrProcess.JsonAsync(settings, cancellationToken, "start", "--db", DemoEnvironment.Database, "--to", Iso(early), "--as", "alice", "--json");
            var id = planned.RootElement.GetProperty("recoveryId").GetString()!;
            using var confirmed = await PitrProcess.JsonAsync(settings, cancellationToken, "confirm", id, "--as", "alice", "--json");
            var firstPort = Port(confirmed);
            var rowsAtEarly = await DemoEnvironment.CountOrdersAsync(Sql.OnLoopback(firstPort), cancellationToken);
            using var rejected = await PitrProcess.JsonAsync(settings, cancellationToken, "reject", id, "--to", Iso(later), "--as", "alice", "--json");
            var rowsAtLater = await DemoEnvironment.CountOrdersAsync(Sql.OnLoopback(Port(rejected)), cancellationToken);
            using var approved = await PitrProcess.JsonAsync(settings, cancellationToken, "approve", id, "--as", "bob", "--json");

            Assert.Equal((rowsEarly, rowsLater), (rowsAtEarly, rowsAtLater));
            Assert.Equal(("AwaitingApproval", "NewRestore"), (confirmed.RootElement.GetProperty("state").GetString(), confirmed.RootElement.GetProperty("restoreMethod").GetString()));
            Assert.Equal(("AwaitingApproval", "ContinuedReplay", 2), (rejected.RootElement.GetProperty("state").GetString(), rejected.RootElement.GetProperty("restoreMethod").GetString(), rejected.RootElement.GetProperty("attempt").GetInt32()));
            Assert.True(rejected.RootElement.GetProperty("validationPassed").GetBoolean());
            Assert.Equal(firstPort, Port(rejected));
            Assert.Equal("Completed", approved.RootElement.GetProperty("state").GetString());

            // The applications were handed the promoted server: the secret names it and it takes writes.
            var production = Port(approved);
            Assert.Equal(production, JsonNode.Parse(await File.ReadAllTextAsync(environment.SecretFile, cancellationToken))!["port"]!.GetValue<int>());
            await Sql.ExecuteAsync(Sql.OnLoopback(production), "insert into orders(item) values ('after the cutover')", cancellationToken);
            Assert.Equal(rowsLater + 1, await DemoEnvironment.CountOrdersAsync(Sql.OnLoopback(production), cancellationToken));
        }
        finally
        {
            await environment.DisposeAsync();
        }
    }

    private static string Iso(DateTimeOffset at) => at.ToString("O", CultureInfo.InvariantCulture);

    private static int Port(System.Text.Json.JsonDocument recovery) =>
        recovery.RootElement.GetProperty("restoredEndpoint").GetProperty("port").GetInt32();
}
