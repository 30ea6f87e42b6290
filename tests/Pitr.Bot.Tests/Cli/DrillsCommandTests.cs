using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Pitr.Adapters;
using Pitr.Domain.Ports;
using Pitr.Domain.Recoveries;

namespace Pitr.Bot.Tests.Cli;

/// <summary><c>pitr drills --json</c>, the real process, over a SQLite store holding a week of drills of one database.</summary>
public sealed class DrillsCommandTests : IDisposable
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    private readonly string root = Directory.CreateTempSubdirectory("pitr-drills-").FullName;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(root, recursive: true);
    }

    [Fact]
    public async Task Json_gives_each_databases_drills_newest_first_with_rto_percentiles_and_days_since_the_last_pass()
    {
        // (days ago, restore seconds, validation seconds, outcome): RTO = 2 s confirmation + restore + validation.
        (int DaysAgo, int Restore, int Validation, EndedDrills.Outcome Outcome)[] drills =
        [
            (6, 298, 10, EndedDrills.Outcome.Passed), (5, 418, 12, EndedDrills.Outcome.Passed), (4, 998, 0, EndedDrills.Outcome.RestoreFailed), (3, 358, 9, EndedDrills.Outcome.Passed),
            (2, 598, 30, EndedDrills.Outcome.Passed), (1, 478, 20, EndedDrills.Outcome.Passed), (0, 380, 15, EndedDrills.Outcome.ChecksFailed),
        ];
        await SeedAsync(drills);
        // The failed drill (its RTO would be the slowest) measured no whole runbook: it is not in the percentiles.
        var completedRtos = drills.Where(d => d.Outcome != EndedDrills.Outcome.RestoreFailed).Select(d => 2.0 + d.Restore + d.Validation).ToList();

        using var json = await PitrProcess.JsonAsync(Settings(), Cancel, "drills", "--json");

        var databases = json.RootElement.GetProperty("databases").EnumerateArray().ToList();
        Assert.Equal(["billing", "orders"], databases.Select(d => d.GetProperty("database").GetString()));
        Assert.Empty(databases[0].GetProperty("drills").EnumerateArray());
        var orders = databases[1];
        Assert.Equal(Percentile(completedRtos, 50), orders.GetProperty("p50RtoSeconds").GetDouble());
        Assert.Equal(Percentile(completedRtos, 90), orders.GetProperty("p90RtoSeconds").GetDouble());
        Assert.Equal(1, orders.GetProperty("daysSinceLastPass").GetInt32());
        var listed = orders.GetProperty("drills").EnumerateArray().ToList();
        Assert.Equal([0, 1, 2, 3, 4, 5, 6], listed.Select(d => (int)Math.Round((Now - d.GetProperty("startedAt").GetDateTimeOffset()).TotalDays)));
        Assert.Equal([false, true, true, true, false, true, true], listed.Select(d => d.GetProperty("passed").GetBoolean()));
        Assert.Equal("Failed", listed[4].GetProperty("outcome").GetString());
        Assert.Equal(478, listed[1].GetProperty("phases").GetProperty("restore").GetDouble());
        Assert.Equal(60, listed[1].GetProperty("lagSeconds").GetDouble());
        Assert.Equal("alice", listed[1].GetProperty("startedBy").GetProperty("name").GetString());
        var chart = orders.GetProperty("chart").GetString()!;
        Assert.True(File.Exists(chart), "the chart's PNG is written where the output says");
        File.Delete(chart);
    }

    /// <summary>Nearest rank, written from its definition: the smallest RTO with at least p% of the RTOs at or below it.</summary>
    private static double Percentile(List<double> values, int percent) =>
        values.Order().First(v => values.Count(x => x <= v) * 100 >= percent * values.Count);

    private async Task SeedAsync(IEnumerable<(int DaysAgo, int Restore, int Validation, EndedDrills.Outcome Outcome)> drills)
    {
        await using var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(Configuration()).AddLogging().AddSingleton(TimeProvider.System)
            .AddPitrAdapters(Configuration()).BuildServiceProvider();
        var store = services.GetRequiredService<IRecoveryStore>();
        var n = 0;
        foreach (var (daysAgo, restore, validation, outcome) in drills)
        {
            await store.AddAsync(EndedDrills.Drill($"drill{n++}", "orders", Now.AddDays(-daysAgo).AddHours(-2), restore, validation, outcome), [], Cancel);
        }

        // Neither a real recovery nor an aborted drill is part of the trend.
        await store.AddAsync(EndedDrills.Drill("recovery", "orders", Now.AddHours(-3), 100, 5, EndedDrills.Outcome.Passed) with { Mode = RecoveryMode.Recovery }, [], Cancel);
        await store.AddAsync(EndedDrills.Drill("aborted", "orders", Now.AddHours(-4), 100, 5, EndedDrills.Outcome.Passed) with { State = RecoveryState.Aborted, CompletedAt = null }, [], Cancel);
    }

    private Dictionary<string, string?> Settings()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Pitr:Store:Sqlite:Path"] = Path.Combine(root, "pitr.db"),
        };
        foreach (var db in new[] { "orders", "billing" })
        {
            var section = $"Pitr:Databases:{db}";
            settings[$"{section}:Engine"] = "local";
            settings[$"{section}:Local:BaseBackupDir"] = Path.Combine(root, db, "backups");
            settings[$"{section}:Local:WalArchiveDir"] = Path.Combine(root, db, "archive");
            settings[$"{section}:Local:WorkDir"] = Path.Combine(root, db, "restores");
            settings[$"{section}:Secret:Store"] = "file";
            settings[$"{section}:Secret:File:Path"] = Path.Combine(root, db, "secret.json");
            settings[$"{section}:Workloads:Restarter"] = "none";
            settings[$"{section}:Health:Probe"] = "none";
        }

        return settings;
    }

    private IConfiguration Configuration() => new ConfigurationBuilder().AddInMemoryCollection(Settings()).Build();
}
