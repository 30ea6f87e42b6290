using System.Net.Sockets;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Pitr.Adapters.Local.Demo;
using Pitr.Bot.Cli;
using Pitr.Bot.Hosting;
using Pitr.Domain.Ports;
using Pitr.Domain.Recoveries;
using Pitr.Domain.Recoveries.Act;
using Pitr.Domain.Recoveries.Start;

namespace Pitr.Bot.Tests.Drills;

/// <summary>
/// The bot as <c>pitr serve</c> runs it, with the local engine on a real primary and WAL archive: a scheduled drill is
/// restoring a real server when an incident needs the database.
/// </summary>
public sealed class IncidentOverDrillTests
{
    private static readonly Actor Alice = new("UALICE", "alice");

    [Fact]
    public async Task An_incident_aborts_the_scheduled_drill_its_restored_server_is_stopped_and_removed_and_the_recovery_restores()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var environment = await DemoEnvironment.StartAsync(cancellationToken);
        await environment.PrepareAsync(cancellationToken);
        await environment.WriteWorkloadAsync(cancellationToken);
        await environment.Primary.SwitchWalAsync(cancellationToken);
        var settings = environment.Configuration(typeof(PitrCli).Assembly.Location);
        var db = $"Pitr:Databases:{DemoEnvironment.Database}";
        settings[$"{db}:Drills:Schedule"] = "* * * * *";
        settings[$"{db}:Drills:Channel"] = "drills";

        // Validation that takes a while, so that the incident finds the drill's restored server running.
        settings[$"{db}:Validation:Checks:2:Name"] = "slow";
        settings[$"{db}:Validation:Checks:2:Sql"] = "select pg_sleep(4) is not null";
        settings[$"{db}:Validation:Checks:2:Expect"] = "true";
        settings["Logging:LogLevel:Default"] = "Warning";
        await using var bot = BotHost.Build(["--urls=http://127.0.0.1:0", .. settings.Select(s => $"--{s.Key}={s.Value}")], null);
        await bot.StartAsync(cancellationToken);
        var store = bot.Services.GetRequiredService<IRecoveryStore>();

        // A bot started with a schedule drills at once for the minute under way.
        var drill = await WaitForAsync(store, null, r => r.Initiator == Actor.Scheduler && r.State == RecoveryState.Validating, "the scheduled drill validating");
        var drillPort = drill.CurrentAttempt.Endpoint!.Port;
        var mediator = bot.Services.GetRequiredService<IMediator>();
        var incident = await mediator.Send(new StartRecovery(DemoEnvironment.Database, RecoveryTarget.At(drill.Window.Latest), Alice, "incident"), cancellationToken);
        Assert.True(incident.Succeeded, $"the incident was refused: {incident.Why}");
        await mediator.Send(new ActOnRecovery(incident.Recovery!.Id, new PersonAction(RecoveryTrigger.Confirm, Alice)), cancellationToken);

        var aborted = await WaitForAsync(store, drill.Id, r => r.Deletions.All(d => d.DoneAt is not null), "the drill's restore deleted");
        var restored = await WaitForAsync(store, incident.Recovery.Id, r => r.State is RecoveryState.Validating or RecoveryState.AwaitingApproval, "the incident's restore available");

        Assert.Equal(RecoveryState.Aborted, aborted.State);
        Assert.DoesNotContain(Directory.GetDirectories(environment.WorkDir), d => Path.GetFileName(d) == drill.CurrentAttempt.Identifier);
        using var client = new TcpClient();
        await Assert.ThrowsAnyAsync<SocketException>(() => client.ConnectAsync("127.0.0.1", drillPort, cancellationToken).AsTask());
        Assert.Contains(Directory.GetDirectories(environment.WorkDir), d => Path.GetFileName(d) == restored.CurrentAttempt.Identifier);
        Assert.Single(await store.ListRecentAsync(DemoEnvironment.Database, 10, cancellationToken), r => r.Initiator == Actor.Scheduler);
        await bot.StopAsync(cancellationToken);
    }

    /// <summary>Polls the store (the bot works in real time here) until a recovery matches; fails after a minute.</summary>
    private static async Task<RecoverySnapshot> WaitForAsync(IRecoveryStore store, string? id, Func<RecoverySnapshot, bool> condition, string what)
    {
        for (var i = 0; i < 600; i++)
        {
            var candidates = id is null
                ? await store.ListRecentAsync(DemoEnvironment.Database, 10, CancellationToken.None)
                : [(await store.FindAsync(id, CancellationToken.None))!];
            if (candidates.FirstOrDefault(condition) is { } found)
            {
                return found;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"{what}: not reached within a minute");
        return null!;
    }
}
