using Microsoft.Extensions.Time.Testing;
using Pitr.Adapters.Kubernetes;
using Pitr.Adapters.Tests.Kubernetes.StandIn;
using Pitr.Domain.Ports;
using Pitr.Domain.Progress;
using Pitr.Domain.Recoveries;
using Pitr.Domain.Recoveries.Approve;
using Pitr.Domain.Recoveries.Confirm;
using Pitr.Domain.Recoveries.Start;
using Pitr.Domain.Tests.Fakes;

namespace Pitr.Adapters.Tests.Kubernetes;

/// <summary>The recovery engine driving the real Kubernetes adapters against the API stand-in.</summary>
public sealed class KubernetesRollbackTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2024, 5, 1, 10, 40, 0, TimeSpan.Zero);
    private static readonly Actor Alice = new("U_ALICE", "alice");
    private static readonly Actor Bob = new("U_BOB", "bob");
    private readonly KubernetesTestCluster cluster = new();

    public ValueTask InitializeAsync() => cluster.InitializeAsync();

    public ValueTask DisposeAsync() => cluster.DisposeAsync();

    private KubernetesApiStandIn Api => cluster.Api;

    [Fact]
    public async Task Ends_rolled_back_with_the_secret_reverted_and_the_workload_named_when_one_rollout_fails()
    {
        Api.AddSecret("prod", "orders-db", new Dictionary<string, string> { ["host"] = "orders.cluster.example", ["port"] = "5432", ["dbname"] = "orders" });
        Api.AddDeployment("prod", "api");
        Api.AddDeployment("prod", "worker", rollout: new RolloutBehaviour(Reads: 2, DeadlineExceededRollouts: 1));
        var options = cluster.WorkloadOptions("prod");
        options.Deployments.Add("api");
        options.Deployments.Add("worker");

        var clock = new FakeTimeProvider(Now);
        var log = new CallLog();
        var store = new InMemoryRecoveryStore();
        var rules = new RecoveryRules();
        var channel = new RecordingChannel();
        var binding = new DatabaseBinding("orders",
            new FakeRestorer(log, new RestorableWindow(Now.AddDays(-30), Now.AddMinutes(-1))),
            new FakeValidation(log),
            cluster.SecretStore(new KubernetesSecretOptions { Namespace = "prod", Name = "orders-db" }),
            KubernetesTestCluster.Restarter(options),
            new FakeHealth(log),
            new DatabasePolicy { PollInterval = TimeSpan.FromSeconds(10) });
        var catalog = new FakeCatalog(binding);
        var repository = new RecoveryRepository(store, rules, clock);
        var announcer = new RecoveryAnnouncer(channel, store, repository, clock);
        var actions = new PersonActions(repository, announcer, store, clock);
        var stepper = new RecoveryStepper(repository, announcer, catalog, channel, rules, clock);

        var started = await new StartRecoveryHandler(catalog, store, repository, announcer, rules, clock)
            .Handle(new StartRecovery(null, "2024-05-01T10:32:15Z", Alice, "C1"), CancellationToken.None);
        var id = started.Recovery!.Id;
        await new ConfirmRecoveryHandler(actions).Handle(new ConfirmRecovery(id, Alice, null), CancellationToken.None);
        await RunUntilAsync(stepper, store, clock, id, RecoveryState.AwaitingApproval);
        await new ApproveCutoverHandler(actions).Handle(new ApproveCutover(id, Bob, null), CancellationToken.None);

        var rolledBack = await RunUntilAsync(stepper, store, clock, id, RecoveryState.RolledBack);

        Assert.Equal(RecoveryState.RolledBack, rolledBack.State);
        Assert.Equal("orders.cluster.example", Api.SecretData("prod", "orders-db")["host"]);
        Assert.Equal("5432", Api.SecretData("prod", "orders-db")["port"]);
        Assert.False(Api.SecretAnnotations("prod", "orders-db")?.ContainsKey(KubernetesSecretStore.PreviousAnnotation) ?? false);
        var audit = await store.GetAuditTrailAsync(id, CancellationToken.None);
        var failed = Assert.Single(audit, a => a.Action == nameof(RecoveryTrigger.RolloutFailed));
        Assert.StartsWith("rollout failed: deployment prod/worker: progress deadline exceeded", failed.Detail, StringComparison.Ordinal);
        Assert.Contains(channel.Thread, m => m.Text.Contains("deployment prod/worker: progress deadline exceeded", StringComparison.Ordinal));
        Assert.Equal(2, Api.TemplateChangesOf("prod", "worker"));
        Assert.Equal(2, Api.TemplateChangesOf("prod", "api"));
        Assert.All(rolledBack.Rollout!.Workloads, w => Assert.True(w.Succeeded, w.Detail));
    }

    /// <summary>Steps the recovery, moving the engine's fake clock by each returned delay, until it reaches <paramref name="state"/>.</summary>
    private static async Task<RecoverySnapshot> RunUntilAsync(RecoveryStepper stepper, InMemoryRecoveryStore store, FakeTimeProvider clock, string id, RecoveryState state)
    {
        for (var i = 0; i < 100; i++)
        {
            var current = (await store.FindAsync(id, CancellationToken.None))!;
            if (current.State == state)
            {
                return current;
            }

            var delay = await stepper.AdvanceAsync(id, CancellationToken.None);
            clock.Advance(delay == Timeout.InfiniteTimeSpan || delay == TimeSpan.Zero ? TimeSpan.FromSeconds(1) : delay);
        }

        var last = (await store.FindAsync(id, CancellationToken.None))!;
        Assert.Fail($"recovery {id} never reached {state}; it is {last.State} ({last.Problem})");
        return last;
    }
}
