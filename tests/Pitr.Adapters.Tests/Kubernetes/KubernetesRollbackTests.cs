using Pitr.Adapters.Kubernetes;
using Pitr.Adapters.Presentation;
using Pitr.Adapters.Tests.Kubernetes.StandIn;
using Pitr.Domain.Recoveries;
using Pitr.Domain.Recoveries.Events;
using Pitr.Domain.Tests.Fakes;

namespace Pitr.Adapters.Tests.Kubernetes;

/// <summary>The recovery engine driving the real Kubernetes adapters against the API stand-in.</summary>
public sealed class KubernetesRollbackTests : IAsyncLifetime
{
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

        var world = new RecoveryWorld(adapters: binding => binding with
        {
            Secrets = cluster.SecretStore(new KubernetesSecretOptions { Namespace = "prod", Name = "orders-db" }),
            Workloads = KubernetesTestCluster.Restarter(options),
        });
        var id = await world.StartConfirmedAsync();
        await world.RunUntilAsync(id, RecoveryState.AwaitingApproval);
        await world.ApproveAsync(id, RecoveryWorld.Bob);

        var rolledBack = await world.RunUntilAsync(id, RecoveryState.RolledBack);

        Assert.Equal(RecoveryState.RolledBack, rolledBack.State);
        Assert.Equal("orders.cluster.example", Api.SecretData("prod", "orders-db")["host"]);
        Assert.Equal("5432", Api.SecretData("prod", "orders-db")["port"]);
        Assert.False(Api.SecretAnnotations("prod", "orders-db")?.ContainsKey(KubernetesSecretStore.PreviousAnnotation) ?? false);
        var audit = await world.Store.GetAuditTrailAsync(id, CancellationToken.None);
        var failed = Assert.IsType<RolloutFailed>(Assert.Single(audit, a => a.Event is RolloutFailed).Event);
        var worker = Assert.Single(failed.Report.Workloads, w => !w.Succeeded);
        Assert.Equal("deployment prod/worker", worker.Name);
        Assert.StartsWith("progress deadline exceeded", worker.Detail, StringComparison.Ordinal);
        Assert.StartsWith("rollout failed: deployment prod/worker: progress deadline exceeded", Presenter.Slack.Narrative.Trouble(failed), StringComparison.Ordinal);
        var told = world.Channel.ThreadOf(id).Select(t => Presenter.Slack.Narrative.Tell(t.Entry, t.View, t.Actions)?.Text ?? "");
        Assert.Contains(told, text => text.Contains("deployment prod/worker: progress deadline exceeded", StringComparison.Ordinal));
        Assert.Equal(2, Api.TemplateChangesOf("prod", "worker"));
        Assert.Equal(2, Api.TemplateChangesOf("prod", "api"));
        Assert.All(rolledBack.Rollout!.Workloads, w => Assert.True(w.Succeeded, w.Detail));
    }
}
