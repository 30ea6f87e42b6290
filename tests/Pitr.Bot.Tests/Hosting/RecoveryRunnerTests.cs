using System.Collections.Concurrent;
using System.Diagnostics;
using Mediator;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Pitr.Adapters.Storage;
using Pitr.Bot.Composition;
using Pitr.Bot.Hosting;
using Pitr.Domain.Ports;
using Pitr.Domain.Recoveries;
using Pitr.Domain.Recoveries.Act;
using Pitr.Domain.Recoveries.Start;
using Pitr.Domain.Tests.Fakes;

namespace Pitr.Bot.Tests.Hosting;

/// <summary>The runner as the host runs it: a real BackgroundService over a real SQLite file, ports faked.</summary>
public sealed class RecoveryRunnerTests : IDisposable
{
    private static readonly DatabasePolicy Fast = new() { PollInterval = TimeSpan.FromMilliseconds(50) };
    private readonly string path = Path.Combine(Path.GetTempPath(), $"pitr-runner-{Guid.NewGuid():N}.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Advances_a_confirmed_recovery_to_awaiting_approval_through_the_mediator()
    {
        var world = new RecoveryWorld(policy: Fast);
        using var host = await StartHostAsync(world);
        var mediator = host.Services.GetRequiredService<IMediator>();

        var started = await mediator.Send(new StartRecovery(null, RecoveryWorld.Target(RecoveryWorld.DefaultTarget), RecoveryWorld.Alice, "C1"));
        await mediator.Send(Confirm(started.Recovery!.Id));
        var reached = await WaitForAsync(host, started.Recovery.Id, RecoveryState.AwaitingApproval);

        Assert.Equal(RecoveryState.AwaitingApproval, reached);
        Assert.Equal(1, world.Log.Count("restorer.Start"));
        await host.StopAsync();
    }

    [Fact]
    public async Task Traces_each_step_with_the_recovery_id()
    {
        var spans = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Pitr",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Add,
        };
        ActivitySource.AddActivityListener(listener);
        var world = new RecoveryWorld(policy: Fast);
        using var host = await StartHostAsync(world);
        var mediator = host.Services.GetRequiredService<IMediator>();

        var id = (await mediator.Send(new StartRecovery(null, RecoveryWorld.Target(RecoveryWorld.DefaultTarget), RecoveryWorld.Alice, "C1"))).Recovery!.Id;
        await mediator.Send(Confirm(id));
        await WaitForAsync(host, id, RecoveryState.AwaitingApproval);
        await host.StopAsync();

        Assert.Contains(spans, s => s.OperationName == "recovery.step" && (string?)s.GetTagItem("pitr.recovery_id") == id);
    }

    [Fact]
    public async Task Resumes_after_a_restart_without_a_second_restore()
    {
        var before = new RecoveryWorld(policy: Fast);
        before.Restorer.Stuck = true;
        string id;
        using (var first = await StartHostAsync(before))
        {
            var mediator = first.Services.GetRequiredService<IMediator>();
            id = (await mediator.Send(new StartRecovery(null, RecoveryWorld.Target(RecoveryWorld.DefaultTarget), RecoveryWorld.Alice, "C1"))).Recovery!.Id;
            await mediator.Send(Confirm(id));
            await WaitUntilAsync(() => before.Log.Count("restorer.Start") == 1, () => "the first restore to start");
            await first.StopAsync();
        }

        var after = new RecoveryWorld(policy: Fast, clock: before.Clock);
        after.Restorer.Existing.Add($"pitr-{id}-a1");
        using var second = await StartHostAsync(after);
        var reached = await WaitForAsync(second, id, RecoveryState.AwaitingApproval);

        Assert.Equal(RecoveryState.AwaitingApproval, reached);
        Assert.Equal(0, after.Log.Count("restorer.Start"));
        await second.StopAsync();
    }

    [Fact]
    public async Task Steps_again_as_soon_as_the_engine_asks_rather_than_at_the_next_tick()
    {
        var world = new RecoveryWorld(policy: new DatabasePolicy { PollInterval = TimeSpan.FromHours(1) });
        world.Restorer.PollsUntilAvailable = 3;
        world.Restorer.RecheckAfter = TimeSpan.Zero;

        // Nothing is saved while the engine says "not yet": only the engine's answer can bring the next status call.
        using var host = await StartHostAsync(world, tick: TimeSpan.FromMinutes(5));
        var mediator = host.Services.GetRequiredService<IMediator>();
        var id = (await mediator.Send(new StartRecovery(null, RecoveryWorld.Target(RecoveryWorld.DefaultTarget), RecoveryWorld.Alice, "C1"))).Recovery!.Id;
        await mediator.Send(Confirm(id));
        var reached = await WaitForAsync(host, id, RecoveryState.AwaitingApproval);

        Assert.Equal(RecoveryState.AwaitingApproval, reached);
        await host.StopAsync();
    }

    private async Task<IHost> StartHostAsync(RecoveryWorld world, TimeSpan? tick = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["Pitr:Store:Sqlite:Path"] = path;
        builder.Configuration["Pitr:Runner:Tick"] = (tick ?? TimeSpan.FromMilliseconds(50)).ToString("c");
        builder.Services.AddSingleton<TimeProvider>(world.Clock);
        builder.Services.AddPitrDomain();
        builder.Services.AddRecoveryStore(builder.Configuration);
        builder.Services.AddSingleton<IDatabaseCatalog>(world.Catalog);
        builder.Services.AddSingleton<IIncidentChannel>(world.Channel);
        builder.Services.AddRecoveryRunnerAsBotHostDoes();
        var host = builder.Build();
        await host.StartAsync();
        _ = AdvanceClockAsync(world, host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping);
        return host;
    }

    /// <summary>The fake clock drives the runner's delays: move it along in real time.</summary>
    private static async Task AdvanceClockAsync(RecoveryWorld world, CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            world.Clock.Advance(TimeSpan.FromMilliseconds(50));
            await Task.Delay(10, CancellationToken.None);
        }
    }

    private static ActOnRecovery Confirm(string id) => new(id, new PersonAction(RecoveryTrigger.Confirm, RecoveryWorld.Alice));

    private static async Task<RecoveryState> WaitForAsync(IHost host, string id, RecoveryState state)
    {
        var store = host.Services.GetRequiredService<IRecoveryStore>();
        var current = RecoveryState.Requested;
        await WaitUntilAsync(async () => (current = (await store.FindAsync(id, CancellationToken.None))!.State) == state, () => $"recovery {id} to reach {state} (it is {current})");
        return current;
    }

    private static Task WaitUntilAsync(Func<bool> condition, Func<string> what) => WaitUntilAsync(() => Task.FromResult(condition()), what);

    /// <summary>Polls for up to 30 s; fails the test naming what never happened.</summary>
    private static async Task WaitUntilAsync(Func<Task<bool>> condition, Func<string> what)
    {
        for (var i = 0; i < 600; i++)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(50);
        }

        Assert.Fail($"Waited 30 s for {what()}.");
    }
}
