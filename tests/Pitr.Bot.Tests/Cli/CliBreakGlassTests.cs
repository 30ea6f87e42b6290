using System.Globalization;
using System.Text.Json.Nodes;
using Pitr.Adapters.Local.Demo;
using Pitr.Bot.Cli;
using Pitr.Bot.Tests.Slack.Support;
using Pitr.Domain.Recoveries;

namespace Pitr.Bot.Tests.Cli;

/// <summary>A whole recovery with Slack down: only terminals, two people, the real <c>pitr</c> process, a real archive.</summary>
public sealed class CliBreakGlassTests
{
    [Fact]
    public async Task A_recovery_goes_from_plan_to_cutover_from_terminals_with_a_second_person_approving()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var environment = await DemoEnvironment.StartAsync(cancellationToken);
        try
        {
            var (settings, rowsBefore, target) = await IncidentAsync(environment, cancellationToken, "alice", "bob");

            using var planned = await PitrProcess.JsonAsync(settings, cancellationToken, "start", "--db", DemoEnvironment.Database, "--to", target, "--as", "alice", "--json");
            var id = planned.RootElement.GetProperty("recoveryId").GetString()!;
            using var confirmed = await PitrProcess.JsonAsync(settings, cancellationToken, "confirm", id, "--as", "alice", "--json");
            var selfApproval = await PitrProcess.RunAsync(settings, cancellationToken, "approve", id, "--as", "alice", "--json");
            var stranger = await PitrProcess.RunAsync(settings, cancellationToken, "approve", id, "--as", "mallory", "--json");
            using var approved = await PitrProcess.JsonAsync(settings, cancellationToken, "approve", id, "--as", "bob", "--json");
            using var audit = await PitrProcess.JsonAsync(settings, cancellationToken, "audit", id, "--json");

            Assert.Equal("Requested", planned.RootElement.GetProperty("state").GetString());
            Assert.Equal("AwaitingApproval", confirmed.RootElement.GetProperty("state").GetString());
            Assert.True(confirmed.RootElement.GetProperty("validationPassed").GetBoolean());
            Assert.Equal(2, selfApproval.ExitCode);
            Assert.Equal("NotPermitted", selfApproval.Json().RootElement.GetProperty("refusal").GetString());
            Assert.Equal(2, stranger.ExitCode);
            Assert.Contains("mallory is not in", stranger.Errors, StringComparison.Ordinal);
            Assert.Equal("Completed", approved.RootElement.GetProperty("state").GetString());
            Assert.Equal("bob", approved.RootElement.GetProperty("approver").GetString());

            // The application's secret now names the restored server, and the restored data is whole.
            var port = approved.RootElement.GetProperty("restoredEndpoint").GetProperty("port").GetInt32();
            var secret = JsonNode.Parse(await File.ReadAllTextAsync(environment.SecretFile, cancellationToken))!;
            Assert.Equal(port, secret["port"]!.GetValue<int>());
            Assert.Equal(rowsBefore, await DemoEnvironment.CountOrdersAsync($"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=false", cancellationToken));

            // Every terminal action is on the record as coming from a terminal, the refused one included.
            var entries = audit.RootElement.GetProperty("entries").EnumerateArray().ToList();
            Assert.Contains(entries, e => e.GetProperty("kind").GetString() == "Approved" && e.GetProperty("actor").GetProperty("id").GetString() == "cli:bob");
            Assert.Contains(entries, e => e.GetProperty("kind").GetString() == "Refused" && e.GetProperty("actor").GetProperty("id").GetString() == "cli:alice");
        }
        finally
        {
            await environment.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_recovery_started_in_slack_is_finished_from_a_terminal_once_the_bot_is_down()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var environment = await DemoEnvironment.StartAsync(cancellationToken);
        try
        {
            var (settings, rowsBefore, target) = await IncidentAsync(environment, cancellationToken, "bob");

            // In Slack: alice plans and confirms; the bot restores and validates; then the bot goes down.
            string id;
            await using (var bot = await SlackBot.StartAsync(["orders"], false, [.. settings.Select(s => $"--{s.Key}={s.Value}")]))
            {
                await bot.CommandAsync($"start {target} {DemoEnvironment.Database}", SlackBot.Alice);
                await bot.ClickAsync(await bot.ButtonAsync("pitr.confirm"), SlackBot.Alice);
                id = (await bot.WaitForAsync(r => r.State == RecoveryState.AwaitingApproval, "the restore validated in Slack")).Id;
                await bot.DrainAsync();
            }

            // In a terminal: bob approves; the cutover, restart and health check run here.
            using var approved = await PitrProcess.JsonAsync(settings, cancellationToken, "approve", id, "--as", "bob", "--json");
            using var status = await PitrProcess.JsonAsync(settings, cancellationToken, "status", id, "--json");

            Assert.Equal("Completed", approved.RootElement.GetProperty("state").GetString());
            Assert.Equal(("alice", "bob"), (status.RootElement.GetProperty("initiator").GetString(), status.RootElement.GetProperty("approver").GetString()));
            var port = approved.RootElement.GetProperty("restoredEndpoint").GetProperty("port").GetInt32();
            Assert.Equal(port, JsonNode.Parse(await File.ReadAllTextAsync(environment.SecretFile, cancellationToken))!["port"]!.GetValue<int>());
            Assert.Equal(rowsBefore, await DemoEnvironment.CountOrdersAsync($"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=false", cancellationToken));
        }
        finally
        {
            await environment.DisposeAsync();
        }
    }

    /// <summary>Orders written, the WAL archived, the damage done: the settings for the terminal people allowed, and the target <c>pitr suggest</c> proposes.</summary>
    private static async Task<(Dictionary<string, string?> Settings, long RowsBefore, string Target)> IncidentAsync(
        DemoEnvironment environment, CancellationToken cancellationToken, params string[] terminalPeople)
    {
        await environment.PrepareAsync(cancellationToken);
        var rowsBefore = await environment.WriteWorkloadAsync(cancellationToken);
        await environment.Primary.SwitchWalAsync(cancellationToken);
        var settings = new Dictionary<string, string?>(environment.Configuration(typeof(PitrCli).Assembly.Location));
        foreach (var (person, i) in terminalPeople.Select((p, i) => (p, i)))
        {
            settings[$"{CliPerson.AllowedUsersKey}:{i}"] = person;
        }

        await environment.CorruptAsync(cancellationToken);
        using var suggestions = await PitrProcess.JsonAsync(settings, cancellationToken, "suggest", "--db", DemoEnvironment.Database, "--json");
        return (settings, rowsBefore, suggestions.RootElement.EnumerateArray().First().GetProperty("target").GetDateTimeOffset().ToString("O", CultureInfo.InvariantCulture));
    }
}
