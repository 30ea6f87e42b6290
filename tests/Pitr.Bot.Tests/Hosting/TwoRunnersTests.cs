using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Pitr.Adapters.Storage;
using Pitr.Adapters.Tests.Support;
using Pitr.Bot.Composition;
using Pitr.Bot.Hosting;
using Pitr.Domain.Ports;
using Pitr.Domain.Recoveries;
using Pitr.Domain.Recoveries.Act;
using Pitr.Domain.Recoveries.Start;
using Pitr.Domain.Tests.Fakes;

namespace Pitr.Bot.Tests.Hosting;

/// <summary>Two bot replicas, each with its own runner and connection pool, sharing one real PostgreSQL store.</summary>
public sealed class TwoRunnersTests
{
    [Fact]
    public async Task Never_advance_the_same_recovery_at_once()
    {
        await using var postgres = await TemporaryPostgres.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        await postgres.ScalarAsync("CREATE DATABASE bot");
        var world = new RecoveryWorld(policy: new DatabasePolicy { PollInterval = TimeSpan.FromMilliseconds(20) });
        var validation = new SlowValidation(world.Validation);
        using var replicaA = await StartReplicaAsync(world, validation, postgres.ConnectionString("bot"));
        using var replicaB = await StartReplicaAsync(world, validation, postgres.ConnectionString("bot"));

        var mediator = replicaA.Services.GetRequiredService<IMediator>();
        var id = (await mediator.Send(new StartRecovery(null, RecoveryWorld.Target(RecoveryWorld.DefaultTarget), RecoveryWorld.Alice, "C1"))).Recovery!.Id;
        await replicaB.Services.GetRequiredService<IMediator>().Send(new ActOnRecovery(id, new PersonAction(RecoveryTrigger.Confirm, RecoveryWorld.Alice)));
        var store = replicaB.Services.GetRequiredService<IRecoveryStore>();
        for (var i = 0; (await store.FindAsync(id, CancellationToken.None))!.State != RecoveryState.AwaitingApproval; i++)
        {
            Assert.True(i < 600, "the recovery did not reach AwaitingApproval within 30 s");
            await Task.Delay(50);
        }

        await replicaA.StopAsync();
        await replicaB.StopAsync();
        NpgsqlConnection.ClearAllPools();
        Assert.Equal(RecoveryState.AwaitingApproval, (await store.FindAsync(id, CancellationToken.None))!.State);
        Assert.Equal(1, world.Log.Count("restorer.Start"));
        Assert.Equal(1, world.Log.Count("validation.Run"));
        Assert.Equal(1, validation.MostAtOnce);
    }

    private static async Task<IHost> StartReplicaAsync(RecoveryWorld world, IValidationRunner validation, string connectionString)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["Pitr:Store:Kind"] = "postgres";
        builder.Configuration["Pitr:Store:Postgres:ConnectionString"] = connectionString;
        builder.Configuration["Pitr:Runner:Tick"] = "00:00:00.050";
        builder.Services.AddPitrDomain();
        builder.Services.AddRecoveryStore(builder.Configuration);
        var binding = world.Catalog.Find("orders")! with { Validation = validation };
        builder.Services.AddSingleton<IDatabaseCatalog>(new FakeCatalog(binding));
        builder.Services.AddSingleton<IIncidentChannel>(world.Channel);
        builder.Services.AddRecoveryRunnerAsBotHostDoes();
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    /// <summary>Validation that takes long enough for a second runner to try the same step, counting how many run at once.</summary>
    private sealed class SlowValidation(IValidationRunner inner) : IValidationRunner
    {
        private int running;
        private int most;

        public int MostAtOnce => most;

        public async ValueTask<ValidationReport> RunAsync(DatabaseEndpoint restored, DateTimeOffset target, CancellationToken cancellationToken)
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref most, now);
            try
            {
                await Task.Delay(500, cancellationToken);
                return await inner.RunAsync(restored, target, cancellationToken);
            }
            finally
            {
                Interlocked.Decrement(ref running);
            }
        }

        private static void InterlockedMax(ref int target, int value)
        {
            int seen;
            while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
            {
            }
        }
    }
}
