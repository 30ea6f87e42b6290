using Pitr.Adapters.Tests.Kubernetes.StandIn;
using Pitr.Domain.Ports;

namespace Pitr.Adapters.Tests.Kubernetes;

public sealed class KubernetesWorkloadRestarterTests : IAsyncLifetime
{
    private static readonly DateTimeOffset RestartedAt = new(2024, 5, 1, 10, 32, 15, 678, TimeSpan.Zero);
    private readonly KubernetesTestCluster cluster = new();

    public ValueTask InitializeAsync() => cluster.InitializeAsync();

    public ValueTask DisposeAsync() => cluster.DisposeAsync();

    private KubernetesApiStandIn Api => cluster.Api;

    private static RestartRequest Request(TimeSpan? timeout = null) => new("r-1", RestartedAt, timeout ?? TimeSpan.FromSeconds(30));

    [Fact]
    public async Task Sends_what_kubectl_rollout_restart_sends_when_restarting_a_deployment()
    {
        Api.AddDeployment("prod", "web");
        var options = cluster.WorkloadOptions("prod");
        options.Deployments.Add("web");

        await KubernetesTestCluster.Restarter(options).RestartAsync(Request(), null, TestContext.Current.CancellationToken);

        var patch = Assert.Single(Api.Requests, r => r.Method == "PATCH");
        Assert.Equal("/apis/apps/v1/namespaces/prod/deployments/web", patch.Path);
        Assert.Equal("application/strategic-merge-patch+json", patch.ContentType?.Split(';')[0]);
        Assert.Equal("""{"spec":{"template":{"metadata":{"annotations":{"kubectl.kubernetes.io/restartedAt":"2024-05-01T10:32:15Z"}}}}}""", patch.Body);
    }

    [Fact]
    public async Task Follows_the_rollout_over_several_polls_until_every_pod_is_new()
    {
        Api.AddDeployment("prod", "web", replicas: 3, new RolloutBehaviour(Reads: 4));
        var options = cluster.WorkloadOptions("prod");
        options.Deployments.Add("web");
        var progress = new RecordingProgress();

        var report = await KubernetesTestCluster.Restarter(options).RestartAsync(Request(), progress, TestContext.Current.CancellationToken);

        var result = Assert.Single(report.Workloads);
        Assert.True(result.Succeeded, result.Detail);
        Assert.Equal("deployment prod/web", result.Name);
        Assert.Contains("all 3 pods on the restarted template", result.Detail);
        var statuses = progress.Reports.Select(p => p.Status).ToList();
        Assert.Contains("waiting for the controller to see the restart", statuses);
        Assert.Contains(statuses, s => s.Contains("new replicas updated", StringComparison.Ordinal));
        Assert.StartsWith("rolled out", statuses[^1], StringComparison.Ordinal);
        Assert.True(Api.Requests.Count(r => r.Method == "GET" && r.Path.EndsWith("/deployments/web", StringComparison.Ordinal)) >= 5);
        Assert.Contains(Api.Requests, r => r.Path == "/api/v1/namespaces/prod/pods" && r.Query!.Contains("labelSelector=app%3Dweb", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Patches_every_workload_before_waiting_on_any_when_restarting_several()
    {
        var names = Enumerable.Range(1, 5).Select(i => $"app-{i}").ToList();
        var options = cluster.WorkloadOptions("prod");
        foreach (var name in names)
        {
            Api.AddDeployment("prod", name);
            options.Deployments.Add(name);
        }

        Api.HoldRolloutsUntilPatched(names.Count);

        var report = await KubernetesTestCluster.Restarter(options).RestartAsync(Request(), null, TestContext.Current.CancellationToken);

        Assert.True(report.Succeeded, string.Join("; ", report.Workloads.Select(w => $"{w.Name}: {w.Detail}")));
        Assert.Equal(names.Select(n => $"deployment prod/{n}"), report.Workloads.Select(w => w.Name));
    }

    [Fact]
    public async Task Starts_no_second_rollout_when_asked_again_with_the_same_stamp()
    {
        Api.AddDeployment("prod", "web");
        var options = cluster.WorkloadOptions("prod");
        options.Deployments.Add("web");
        var restarter = KubernetesTestCluster.Restarter(options);

        await restarter.RestartAsync(Request(), null, TestContext.Current.CancellationToken);
        var again = await restarter.RestartAsync(Request(), null, TestContext.Current.CancellationToken);

        Assert.True(again.Succeeded);
        Assert.Equal(1, Api.TemplateChangesOf("prod", "web"));
        Assert.Single(Api.Requests, r => r.Method == "PATCH");
    }

    [Fact]
    public async Task Names_the_failed_workload_when_its_progress_deadline_is_exceeded()
    {
        Api.AddDeployment("prod", "web");
        Api.AddDeployment("prod", "worker", rollout: new RolloutBehaviour(DeadlineExceededRollouts: 1));
        var options = cluster.WorkloadOptions("prod");
        options.Deployments.Add("web");
        options.Deployments.Add("worker");

        var report = await KubernetesTestCluster.Restarter(options).RestartAsync(Request(), null, TestContext.Current.CancellationToken);

        Assert.False(report.Succeeded);
        var failed = Assert.Single(report.Workloads, w => !w.Succeeded);
        Assert.Equal("deployment prod/worker", failed.Name);
        Assert.Contains("progress deadline exceeded", failed.Detail);
        Assert.Contains("has timed out progressing", failed.Detail);
        Assert.True(report.Workloads.Single(w => w.Name == "deployment prod/web").Succeeded);
    }

    [Fact]
    public async Task Reports_a_timeout_with_the_last_status_when_a_rollout_stalls()
    {
        Api.AddDeployment("prod", "web", rollout: new RolloutBehaviour(Stalls: true));
        var options = cluster.WorkloadOptions("prod");
        options.Deployments.Add("web");

        var report = await KubernetesTestCluster.Restarter(options).RestartAsync(Request(TimeSpan.FromMilliseconds(500)), null, TestContext.Current.CancellationToken);

        var result = Assert.Single(report.Workloads);
        Assert.False(result.Succeeded);
        Assert.StartsWith("timed out after 0.5 s; last seen: ", result.Detail, StringComparison.Ordinal);
        Assert.Contains("new replicas updated", result.Detail);
    }

    [Fact]
    public async Task Names_the_missing_verb_and_resource_when_kubernetes_refuses_the_patch()
    {
        Api.AddDeployment("prod", "web");
        Api.Forbid("patch", "deployments");
        var options = cluster.WorkloadOptions("prod");
        options.Deployments.Add("web");

        var report = await KubernetesTestCluster.Restarter(options).RestartAsync(Request(), null, TestContext.Current.CancellationToken);

        var result = Assert.Single(report.Workloads);
        Assert.False(result.Succeeded);
        Assert.StartsWith("Kubernetes refused to let the bot patch deployments.apps in namespace prod (403 Forbidden).", result.Detail, StringComparison.Ordinal);
        Assert.Contains("Grant the verb 'patch' on resource 'deployments.apps'", result.Detail);
    }

    [Fact]
    public async Task Names_the_missing_list_verb_when_kubernetes_refuses_the_label_selector()
    {
        Api.AddDeployment("prod", "web", labels: new Dictionary<string, string> { ["uses-db"] = "orders" });
        Api.Forbid("list", "deployments");
        var options = cluster.WorkloadOptions("prod");
        options.LabelSelector = "uses-db=orders";

        var report = await KubernetesTestCluster.Restarter(options).RestartAsync(Request(), null, TestContext.Current.CancellationToken);

        var result = Assert.Single(report.Workloads);
        Assert.False(result.Succeeded);
        Assert.StartsWith("Kubernetes refused to let the bot list deployments.apps in namespace prod (403 Forbidden).", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restarts_exactly_the_deployments_the_label_selector_matches_in_every_namespace()
    {
        var usesOrders = new Dictionary<string, string> { ["uses-db"] = "orders" };
        Api.AddDeployment("prod-eu", "api", labels: usesOrders);
        Api.AddDeployment("prod-us", "api", labels: usesOrders);
        Api.AddDeployment("prod-eu", "billing", labels: new Dictionary<string, string> { ["uses-db"] = "billing" });
        var options = cluster.WorkloadOptions("prod-eu", "prod-us");
        options.LabelSelector = "uses-db=orders";

        var report = await KubernetesTestCluster.Restarter(options).RestartAsync(Request(), null, TestContext.Current.CancellationToken);

        Assert.True(report.Succeeded);
        Assert.Equal(["deployment prod-eu/api", "deployment prod-us/api"], report.Workloads.Select(w => w.Name).Order());
        Assert.Null(Api.StampOf("prod-eu", "billing"));
        Assert.Contains(Api.Requests, r => r.Path == "/apis/apps/v1/namespaces/prod-us/deployments" && r.Query!.Contains("labelSelector=uses-db%3Dorders", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Fails_when_the_label_selector_matches_nothing()
    {
        Api.AddDeployment("prod", "web");
        var options = cluster.WorkloadOptions("prod");
        options.LabelSelector = "uses-db=orders";

        var report = await KubernetesTestCluster.Restarter(options).RestartAsync(Request(), null, TestContext.Current.CancellationToken);

        var result = Assert.Single(report.Workloads);
        Assert.False(result.Succeeded);
        Assert.Equal("label selector uses-db=orders", result.Name);
        Assert.Contains("matches no deployments.apps in namespace prod", result.Detail);
    }

    [Fact]
    public async Task Looks_for_a_plain_name_in_every_namespace_and_fails_when_it_is_nowhere()
    {
        Api.AddDeployment("prod-us", "api");
        var options = cluster.WorkloadOptions("prod-eu", "prod-us");
        options.Deployments.Add("api");
        options.Deployments.Add("ghost");

        var report = await KubernetesTestCluster.Restarter(options).RestartAsync(Request(), null, TestContext.Current.CancellationToken);

        Assert.True(report.Workloads.Single(w => w.Name == "deployment prod-us/api").Succeeded);
        var missing = Assert.Single(report.Workloads, w => !w.Succeeded);
        Assert.Equal("deployment ghost", missing.Name);
        Assert.Equal("not found in namespace prod-eu, prod-us", missing.Detail);
    }

    [Fact]
    public async Task Waits_for_the_last_old_pod_before_calling_the_rollout_done()
    {
        Api.AddDeployment("prod", "web", replicas: 3, new RolloutBehaviour(Reads: 2, OldPodLingers: 3));
        var options = cluster.WorkloadOptions("prod");
        options.Deployments.Add("web");
        var progress = new RecordingProgress();

        var report = await KubernetesTestCluster.Restarter(options).RestartAsync(Request(), progress, TestContext.Current.CancellationToken);

        Assert.True(report.Succeeded);
        Assert.Contains(progress.Reports, p => p.Status == "1 of 4 pods still on the old template");
    }

    [Fact]
    public async Task Restarts_a_configured_statefulset_and_follows_its_revision()
    {
        Api.AddStatefulSet("prod", "queue", replicas: 2);
        var options = cluster.WorkloadOptions("prod");
        options.StatefulSets.Add("queue");

        var report = await KubernetesTestCluster.Restarter(options).RestartAsync(Request(), null, TestContext.Current.CancellationToken);

        var result = Assert.Single(report.Workloads);
        Assert.True(result.Succeeded, result.Detail);
        Assert.Equal("statefulset prod/queue", result.Name);
        Assert.Equal("2024-05-01T10:32:15Z", Api.StampOf("prod", "queue", "statefulsets"));
        Assert.Single(Api.Requests, r => r.Method == "PATCH" && r.Path == "/apis/apps/v1/namespaces/prod/statefulsets/queue");
    }
}
