using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Pitr.Bot.Tests.Slack.Support;
using Pitr.Domain;
using static Pitr.Bot.Tests.Slack.Support.SlackBot;

namespace Pitr.Bot.Tests.Slack;

/// <summary>
/// Anyone in the workspace can send the bot signed requests. Those from people who may not act are refused,
/// counted and (a bounded number of them) logged, but never written to the append-only audit trail.
/// </summary>
public sealed class AuditFloodTests : IDisposable
{
    private const int Requests = 3000;
    private static readonly string[] Ids = ["../../etc", "%n%n%n", "-", "' or 1=1 --", "pitr-x", "\u202e", new string('a', 300)];
    private static readonly string[] Verbs = ["start", "status", "abort", "rollback", "decommission", "drill", "window", "check"];
    private readonly string store = Path.Combine(Directory.CreateTempSubdirectory("pitr-flood-").FullName, "pitr.db");

    [Fact]
    public async Task Adds_no_audit_row_and_changes_nothing_for_3000_signed_garbage_requests_from_people_not_allowed()
    {
        await using var bot = await SlackBot.StartAsync(false, $"--Pitr:Store:Sqlite:Path={store}");
        await bot.CommandAsync($"start {TimeFormat.Utc(DateTimeOffset.UtcNow.AddMinutes(-10))}", Alice);
        var confirm = await bot.ButtonAsync("pitr.confirm");
        var real = (await bot.Store.ListRecentAsync(null, 1, TestContext.Current.CancellationToken)).Single();
        await bot.WaitForAuditAsync(real.Id, t => t.Count > 0);
        var rowsBefore = await AuditRowsAsync();

        var random = new Random(3000);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < Requests; i++)
        {
            var stranger = new SlackPerson($"USTRANGER{random.Next(50)}", "stranger");
            var id = random.Next(4) switch { 0 => real.Id, 1 => $"pitr-{random.Next():x}", _ => Ids[random.Next(Ids.Length)] };
            using var response = random.Next(2) == 0
                ? await bot.CommandAsync($"{Verbs[random.Next(Verbs.Length)]} {id}", stranger)
                : await bot.ClickAsync(new JsonObject { ["action_id"] = confirm["action_id"]!.GetValue<string>(), ["value"] = $"{id}|Requested" }, stranger);
            statuses.Add(response.StatusCode);
        }

        await bot.DrainAsync();
        Assert.DoesNotContain(statuses, s => (int)s >= 500);
        Assert.Equal(rowsBefore, await AuditRowsAsync());
        var after = (await bot.Store.ListRecentAsync(null, 10, TestContext.Current.CancellationToken)).Single();
        Assert.Equal(real.Version, after.Version);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(Path.GetDirectoryName(store)!, recursive: true);
    }

    private async Task<long> AuditRowsAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={store};Pooling=false");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var count = new SqliteCommand("select count(*) from pitr_audit", connection);
        return (long)(await count.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }
}
