using Pitr.Adapters.Kubernetes;
using Pitr.Adapters.Tests.Kubernetes;
using Pitr.Domain.Ports;
using Pitr.Domain.Recoveries;
using Pitr.Domain.Recoveries.Events;
using Pitr.Domain.Tests.Fakes;

namespace Pitr.Adapters.Tests.Faults;

/// <summary>The Kubernetes API goes away after the secret was pointed at the restored database.</summary>
public sealed class KubernetesUnreachableTests : IAsyncLifetime
{
    private readonly KubernetesTestCluster cluster = new();

    public ValueTask InitializeAsync() => cluster.InitializeAsync();

    public ValueTask DisposeAsync() => cluster.DisposeAsync();

    [Fact]
    public async Task Reverts_the_secret_and_stops_in_failed_offering_retry_when_the_api_server_cannot_be_reached()
    {
        cluster.Api.AddDeployment("prod", "api");
        var options = cluster.WorkloadOptions("prod");
        options.Deployments.Add("api");
        var world = new RecoveryWorld(adapters: binding => binding with { Workloads = KubernetesTestCluster.Restarter(options) });
        var id = await world.StartConfirmedAsync();
        await world.RunUntilAsync(id, RecoveryState.AwaitingApproval);
        await world.ApproveAsync(id, RecoveryWorld.Bob);
        await world.RunUntilAsync(id, RecoveryState.Restarting);

        await cluster.Api.DisposeAsync();
        var stopped = await world.RunUntilAsync(id, RecoveryState.Failed);

        // The rollout could not start, so the secret goes back to the original database; restarting onto it fails too and waits for a Retry.
        Assert.Equal(RecoveryState.RollingBack, stopped.FailedIn);
        var trouble = Assert.IsType<RolloutFailed>(stopped.Trouble);
        Assert.Contains(trouble.Report.Workloads, w => !w.Succeeded);
        Assert.Equal(1, world.Log.Count("secrets.Revert"));
        Assert.Null(world.Secrets.PointsAt);
        var offered = Recovery.Load(stopped, world.Rules, world.Clock).AvailableActions().Select(a => a.Action);
        Assert.Equal([RecoveryTrigger.Retry, RecoveryTrigger.Rollback], offered);
        var trail = await world.Store.GetAuditTrailAsync(id, CancellationToken.None);
        Assert.Contains(trail, e => e.Event is RolloutFailed);
        // The restart onto the original database is what failed: the entry that stopped the recovery left RollingBack.
        var stop = Assert.Single(trail, e => e.To == RecoveryState.Failed);
        Assert.Equal(RecoveryState.RollingBack, stop.From);
        Assert.IsType<RolloutFailed>(stop.Event);
    }
}
