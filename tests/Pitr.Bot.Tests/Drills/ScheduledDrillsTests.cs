using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Pitr.Adapters.Tests.Support;
using Pitr.Domain.Recoveries;
using Pitr.Domain.Recoveries.Act;
using Pitr.Domain.Recoveries.Events;
using Pitr.Domain.Recoveries.Start;
using Pitr.Domain.Tests.Fakes;

namespace Pitr.Bot.Tests.Drills;

/// <summary>Drills on a schedule due every minute, run by bot replicas sharing one real PostgreSQL store, on a fake clock the test moves.</summary>
public sealed class ScheduledDrillsTests
{
    /// <summary>The first due time the tests see: the world's clock starts 30 s after it.</summary>
    private static readonly DateTimeOffset FirstDue = new(2024, 5, 1, 10, 40, 0, TimeSpan.Zero);

    [Fact]
    public async Task Two_bots_on_one_store_run_exactly_one_drill_per_due_time()
    {
        await using var postgres = await StoreAsync();
        var world = DrillReplicas.World();
        world.Clock.Advance(TimeSpan.FromSeconds(30));
        await using var replicas = new DrillReplicas(world, postgres.ConnectionString("bot"));
        await replicas.StartAsync();
        await replicas.StartAsync();

        for (var minute = 0; minute < 3; minute++)
        {
            await replicas.RunUntilAsync(async () => await SettledAsync(replicas) == minute + 1, $"drill {minute + 1}");

            // Both schedulers keep looking while the due time is current: a second drill for it would show by now.
            await replicas.RunForAsync(TimeSpan.FromSeconds(15));
            Assert.Equal(minute + 1, (await replicas.ScheduledAsync()).Count);
            if (minute < 2)
            {
                await replicas.RunForAsync(FirstDue.AddMinutes(minute + 1).AddSeconds(30) - world.Clock.GetUtcNow());
            }
        }

        var drills = await replicas.ScheduledAsync();
        Assert.Equal(3, drills.Count);
        Assert.All(drills, d => Assert.Equal(RecoveryState.Completed, d.State));
        Assert.Equal([FirstDue, FirstDue.AddMinutes(1), FirstDue.AddMinutes(2)], drills.Select(d => DueBefore(d.RequestedAt)));
        Assert.Equal(3, world.Log.Count("restorer.Start"));
        Assert.Equal(3, world.Log.Count("restorer.Delete"));
        Assert.Equal(Stamps(FirstDue, FirstDue.AddMinutes(1), FirstDue.AddMinutes(2)), await ClaimsAsync(postgres));
    }

    [Fact]
    public async Task A_drill_missed_while_no_bot_ran_runs_once_at_the_next_start()
    {
        await using var postgres = await StoreAsync();
        var world = DrillReplicas.World();
        world.Clock.Advance(TimeSpan.FromSeconds(30));
        await using var replicas = new DrillReplicas(world, postgres.ConnectionString("bot"));
        var first = await replicas.StartAsync();
        await replicas.RunUntilAsync(async () => await SettledAsync(replicas) == 1, "the first drill");
        await replicas.StopAsync(first);

        // Down from 10:40 until 10:45:30: five due times pass with no bot.
        world.Clock.Advance(FirstDue.AddMinutes(5).AddSeconds(30) - world.Clock.GetUtcNow());
        await replicas.StartAsync();
        await replicas.RunUntilAsync(async () => await SettledAsync(replicas) == 2, "the missed drill");
        await replicas.RunForAsync(TimeSpan.FromSeconds(20));

        var drills = await replicas.ScheduledAsync();
        Assert.Equal(2, drills.Count);
        Assert.Equal(FirstDue.AddMinutes(5), DueBefore(drills[1].RequestedAt));
        Assert.Equal(Stamps(FirstDue, FirstDue.AddMinutes(5)), await ClaimsAsync(postgres));
    }

    [Fact]
    public async Task An_incident_start_aborts_the_running_drill_cleans_up_its_restore_and_proceeds()
    {
        await using var postgres = await StoreAsync();
        var world = DrillReplicas.World();
        world.Restorer.Stuck = true;
        world.Clock.Advance(TimeSpan.FromSeconds(30));
        await using var replicas = new DrillReplicas(world, postgres.ConnectionString("bot"));
        var bot = await replicas.StartAsync();
        await replicas.RunUntilAsync(async () => (await replicas.ScheduledAsync()) is [{ State: RecoveryState.Restoring }], "the drill restoring");
        var drill = (await replicas.ScheduledAsync())[0];

        var mediator = bot.Services.GetRequiredService<IMediator>();
        var incident = await mediator.Send(new StartRecovery(null, RecoveryWorld.Target(RecoveryWorld.DefaultTarget), RecoveryWorld.Alice, "C1"));
        Assert.True(incident.Succeeded, $"the incident was refused: {incident.Why}");
        var confirmed = await mediator.Send(new ActOnRecovery(incident.Recovery!.Id, new PersonAction(RecoveryTrigger.Confirm, RecoveryWorld.Alice)));
        Assert.Equal(RecoveryState.Restoring, confirmed.Recovery?.State);

        var drillIdentifier = drill.CurrentAttempt.Identifier;
        await replicas.RunUntilAsync(() => Task.FromResult(world.Log.Count($"restorer.Delete {drillIdentifier}") == 1), "the drill's restore deleted");
        var aborted = await replicas.Store.FindAsync(drill.Id, CancellationToken.None);
        Assert.Equal(RecoveryState.Aborted, aborted!.State);
        var yielded = Assert.Single(await replicas.Store.GetAuditTrailAsync(drill.Id, CancellationToken.None), e => e.Event is DrillYielded);
        Assert.Equal(new DrillYielded(drillIdentifier, incident.Recovery.Id), yielded.Event);
        Assert.Equal(RecoveryWorld.Alice, yielded.Actor);

        // The next due time finds the incident open: no drill beside it, until the incident is over.
        await replicas.RunForAsync(TimeSpan.FromMinutes(1));
        Assert.Single(await replicas.ScheduledAsync());
        Assert.Equal(RecoveryState.Restoring, (await replicas.Store.FindAsync(incident.Recovery.Id, CancellationToken.None))!.State);
        await mediator.Send(new ActOnRecovery(incident.Recovery.Id, new PersonAction(RecoveryTrigger.Abort, RecoveryWorld.Alice)));
        await replicas.RunUntilAsync(async () => (await replicas.ScheduledAsync()).Count == 2, "the deferred drill");
        Assert.Equal(FirstDue.AddMinutes(1), DueBefore((await replicas.ScheduledAsync())[1].RequestedAt));
    }

    [Fact]
    public async Task A_due_time_whose_drill_could_not_start_is_not_spent_and_is_drilled_once_the_engine_answers()
    {
        await using var postgres = await StoreAsync();
        var world = DrillReplicas.World();
        world.Restorer.WindowError = new TimeoutException("the engine does not answer");
        world.Clock.Advance(TimeSpan.FromSeconds(30));
        await using var replicas = new DrillReplicas(world, postgres.ConnectionString("bot"));
        await replicas.StartAsync();
        await replicas.StartAsync();

        // Both replicas try at every tick, and give the due time back each time the start fails.
        await replicas.RunForAsync(TimeSpan.FromSeconds(10));
        Assert.Empty(await replicas.ScheduledAsync());

        world.Restorer.WindowError = null;
        await replicas.RunUntilAsync(async () => await SettledAsync(replicas) == 1, "the drill once the engine answers");
        Assert.Equal(Stamps(FirstDue), await ClaimsAsync(postgres));
    }

    private static async Task<TemporaryPostgres> StoreAsync()
    {
        var postgres = await TemporaryPostgres.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        await postgres.ScalarAsync("CREATE DATABASE bot");
        return postgres;
    }

    /// <summary>Scheduled drills that have come to rest with their restore deleted.</summary>
    private static async Task<int> SettledAsync(DrillReplicas replicas) =>
        (await replicas.ScheduledAsync()).Count(d => d.State == RecoveryState.Completed && d.Deletions.All(x => x.DoneAt is not null));

    private static DateTimeOffset DueBefore(DateTimeOffset at) => new(at.Year, at.Month, at.Day, at.Hour, at.Minute, 0, TimeSpan.Zero);

    private static string Stamps(params DateTimeOffset[] due) => string.Join(',', due.Select(d => d.ToString("O")));

    private static async Task<string?> ClaimsAsync(TemporaryPostgres postgres) =>
        (string?)await postgres.ScalarAsync("SELECT string_agg(due_at, ',' ORDER BY due_at) FROM pitr_drill_claims", "bot");
}
