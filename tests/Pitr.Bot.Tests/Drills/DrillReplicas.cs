using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Pitr.Adapters.Storage;
using Pitr.Bot.Composition;
using Pitr.Bot.Drills;
using Pitr.Bot.Tests.Hosting;
using Pitr.Domain.Ports;
using Pitr.Domain.Recoveries;
using Pitr.Domain.Tests.Fakes;

namespace Pitr.Bot.Tests.Drills;

/// <summary>
/// Bot replicas with the drill scheduler, runner and dispatcher of <c>pitr serve</c>, sharing one real PostgreSQL store,
/// fake ports and one fake clock that the test moves: a schedule due every minute is tested without waiting minutes.
/// </summary>
internal sealed class DrillReplicas(RecoveryWorld world, string connectionString) : IAsyncDisposable
{
    public const string EveryMinute = "* * * * *";

    private readonly List<IHost> running = [];
    private readonly ServiceProvider observer = Observer(connectionString);

    /// <summary>The shared store, as the test reads it whether or not a replica runs.</summary>
    public IRecoveryStore Store => observer.GetRequiredService<IRecoveryStore>();

    public static RecoveryWorld World() =>
        new(policy: new DatabasePolicy { PollInterval = TimeSpan.FromSeconds(1) });

    public async Task<IHost> StartAsync(string schedule = EveryMinute)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(StoreSettings(connectionString));
        builder.Configuration["Pitr:Runner:Tick"] = "00:00:00.200";
        builder.Configuration["Pitr:Drills:Tick"] = "00:00:01";
        builder.Configuration["Pitr:Databases:orders:Drills:Schedule"] = schedule;
        builder.Configuration["Pitr:Databases:orders:Drills:Channel"] = "C0DRILLS";
        builder.Services.AddSingleton<TimeProvider>(world.Clock);
        builder.Services.AddPitrDomain();
        builder.Services.AddRecoveryStore(builder.Configuration);
        builder.Services.AddSingleton<IDatabaseCatalog>(world.Catalog);
        builder.Services.AddSingleton<IIncidentChannel>(world.Channel);
        builder.Services.AddRecoveryRunnerAsBotHostDoes();
        builder.Services.AddHostedService<DrillScheduler>();
        var host = builder.Build();
        await host.StartAsync();
        running.Add(host);
        return host;
    }

    public async Task StopAsync(IHost host)
    {
        await host.StopAsync();
        host.Dispose();
        running.Remove(host);
    }

    /// <summary>The drills the scheduler started, oldest first.</summary>
    public async Task<IReadOnlyList<RecoverySnapshot>> ScheduledAsync() =>
        [.. (await Store.ListRecentAsync("orders", 100, CancellationToken.None)).Where(r => r.Initiator == Actor.Scheduler).OrderBy(r => r.RequestedAt)];

    /// <summary>Moves the fake clock on in small steps, letting the replicas act between them, until <paramref name="done"/> holds.</summary>
    public async Task RunUntilAsync(Func<Task<bool>> done, string what)
    {
        for (var step = 0; !await done(); step++)
        {
            if (step == 3000)
            {
                Assert.Fail($"{what}: not reached by {world.Clock.GetUtcNow():O}; scheduled drills: " +
                    string.Join("; ", (await ScheduledAsync()).Select(d => $"{d.Id} {d.State} {d.Trouble} deletions {string.Join(',', d.Deletions)}")));
            }

            world.Clock.Advance(TimeSpan.FromMilliseconds(200));
            await Task.Delay(10);
        }
    }

    /// <summary>Lets the replicas run for <paramref name="span"/> of the fake clock, whatever happens.</summary>
    public async Task RunForAsync(TimeSpan span)
    {
        var until = world.Clock.GetUtcNow() + span;
        await RunUntilAsync(() => Task.FromResult(world.Clock.GetUtcNow() >= until), "the clock");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in running.ToList())
        {
            await StopAsync(host);
        }

        await observer.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
    }

    private static Dictionary<string, string?> StoreSettings(string connectionString) => new()
    {
        ["Pitr:Store:Kind"] = "postgres",
        ["Pitr:Store:Postgres:ConnectionString"] = connectionString,
    };

    private static ServiceProvider Observer(string connectionString)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(StoreSettings(connectionString)).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        services.AddRecoveryStore(configuration);
        return services.BuildServiceProvider();
    }
}
