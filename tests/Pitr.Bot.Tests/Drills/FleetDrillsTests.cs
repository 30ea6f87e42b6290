using Mediator;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Pitr.Adapters.Presentation;
using Pitr.Adapters.Storage;
using Pitr.Bot.Cli;
using Pitr.Bot.Composition;
using Pitr.Bot.Drills;
using Pitr.Bot.Tests.Hosting;
using Pitr.Domain.Ports;
using Pitr.Domain.Progress;
using Pitr.Domain.Recoveries;
using Pitr.Domain.Recoveries.Start;
using Pitr.Domain.Tests.Fakes;

namespace Pitr.Bot.Tests.Drills;

/// <summary><c>pitr drill --all</c>: every configured database drilled, as many at once as configured, and one summary.</summary>
public sealed class FleetDrillsTests : IDisposable
{
    private readonly string path = Path.Combine(Path.GetTempPath(), $"pitr-fleet-{Guid.NewGuid():N}.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Every_database_is_drilled_one_at_a_time_and_summed_up_with_its_verdict()
    {
        var worlds = new[] { "orders", "billing", "payments", "users" }.ToDictionary(name => name, _ => new RecoveryWorld(policy: new DatabasePolicy { PollInterval = TimeSpan.FromMilliseconds(20) }));
        worlds["billing"].Validation.Pass = false;
        using var host = await StartAsync(new FleetCatalog([.. worlds.Select(w => w.Value.Catalog.Find("orders")! with { Name = w.Key })]), concurrency: 1);
        var busy = await host.Services.GetRequiredService<IMediator>().Send(
            new StartRecovery("users", RecoveryWorld.Target(RecoveryWorld.DefaultTarget), RecoveryWorld.Alice, "C1"));

        var fleet = await host.Services.GetRequiredService<FleetDrills>().RunAsync(RecoveryWorld.Bob, "C1", RunToEndAsync(host), TestContext.Current.CancellationToken);

        Assert.Equal(["billing", "orders", "payments", "users"], fleet.Drills.Select(d => d.Database));
        Assert.Equal([false, true, true, false], fleet.Drills.Select(d => d.Passed));
        Assert.False(fleet.AllPassed);
        Assert.Equal(RecoveryState.Completed, fleet.Drills[0].Report!.Outcome);
        Assert.Equal(busy.Recovery!.Id, Assert.IsType<AlreadyActive>(fleet.Drills[3].Why).RecoveryId);
        Assert.All(fleet.Drills.Take(3), d => Assert.NotNull(d.Lag));
        var ran = fleet.Drills.Take(3).Select(d => d.Report!).OrderBy(r => r.RequestedAt).ToList();
        Assert.All(ran.Zip(ran.Skip(1)), pair => Assert.True(pair.Second.RequestedAt >= pair.First.FinishedAt, "a drill started before the previous one had finished"));

        var summary = Presenter.Console.Fleet.Summary(fleet);
        Assert.StartsWith("✗ Fleet drill: 2/4 databases passed", summary, StringComparison.Ordinal);
        Assert.Contains("• billing ✗ failed (0/1 checks passed) · RTO ", summary, StringComparison.Ordinal);
        Assert.Contains($"• users refused: Recovery {busy.Recovery.Id} of users is already Requested", summary, StringComparison.Ordinal);
    }

    private static Func<string, CancellationToken, Task<RecoverySnapshot>> RunToEndAsync(IHost host)
    {
        var services = host.Services;
        var driver = new RecoveryDriver(services.GetRequiredService<RecoveryStepper>(), services.GetRequiredService<IRecoveryStore>(),
            services.GetRequiredService<IRecoveryLeases>(), services.GetRequiredService<TimeProvider>());
        return (id, ct) => driver.RunUntilAsync(id, r => FleetDrills.Settled(r) && r.Deletions.All(d => d.DoneAt is not null), ct);
    }

    private async Task<IHost> StartAsync(IDatabaseCatalog catalog, int concurrency)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["Pitr:Store:Sqlite:Path"] = path;
        builder.Configuration["Pitr:Drills:Concurrency"] = concurrency.ToString(System.Globalization.CultureInfo.InvariantCulture);
        builder.Services.AddPitrDomain();
        builder.Services.AddRecoveryStore(builder.Configuration);
        builder.Services.AddSingleton(catalog);
        builder.Services.AddSingleton<IIncidentChannel>(new RecordingChannel());
        builder.Services.AddRecoveryWakeupsAsBotHostDoes();
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    private sealed class FleetCatalog(IReadOnlyList<DatabaseBinding> bindings) : IDatabaseCatalog
    {
        public string DefaultDatabase => bindings[0].Name;

        public IReadOnlyCollection<string> Names => [.. bindings.Select(b => b.Name)];

        public DatabaseBinding? Find(string name) => bindings.FirstOrDefault(b => b.Name == name);
    }
}
