using System.Text.Json.Nodes;
using Pitr.Adapters.Kubernetes;
using Pitr.Adapters.Tests.Kubernetes.StandIn;
using Pitr.Domain.Ports;

namespace Pitr.Adapters.Tests.Kubernetes;

public sealed class KubernetesSecretStoreTests : IAsyncLifetime
{
    private static readonly DatabaseEndpoint Restored = new("pitr-r1-a1", "pitr-r1-a1.cluster.example", 5433, "orders");
    private readonly KubernetesTestCluster cluster = new();

    public async ValueTask InitializeAsync()
    {
        await cluster.InitializeAsync();
        Api.AddSecret("prod", "orders-db", new Dictionary<string, string>
        {
            ["host"] = "orders.cluster.example",
            ["port"] = "5432",
            ["dbname"] = "orders",
            ["password"] = "s3cret",
        });
    }

    public ValueTask DisposeAsync() => cluster.DisposeAsync();

    private KubernetesApiStandIn Api => cluster.Api;

    private ISecretStore Store() => cluster.SecretStore(new KubernetesSecretOptions { Namespace = "prod", Name = "orders-db" });

    [Fact]
    public async Task Points_the_endpoint_keys_at_the_restored_database_keeping_the_old_values_in_an_annotation()
    {
        var change = await Store().PointAtAsync(Restored, TestContext.Current.CancellationToken);

        var data = Api.SecretData("prod", "orders-db");
        Assert.Equal("pitr-r1-a1.cluster.example", data["host"]);
        Assert.Equal("5433", data["port"]);
        Assert.Equal("orders", data["dbname"]);
        Assert.Equal("s3cret", data["password"]);
        Assert.Equal("orders.cluster.example:5432", change.PreviousEndpoint);
        Assert.NotEqual(change.PreviousVersion, change.NewVersion);
        var kept = JsonNode.Parse(Api.SecretAnnotations("prod", "orders-db")![KubernetesSecretStore.PreviousAnnotation])!;
        Assert.Equal("orders.cluster.example", kept["Values"]!["Host"]!.GetValue<string>());
        Assert.DoesNotContain("s3cret", kept.ToJsonString(), StringComparison.Ordinal);

        var patch = Assert.Single(Api.Requests, r => r.Method == "PATCH");
        Assert.Equal("/api/v1/namespaces/prod/secrets/orders-db", patch.Path);
        Assert.Equal("application/merge-patch+json", patch.ContentType?.Split(';')[0]);
        var body = JsonNode.Parse(patch.Body)!;
        Assert.Equal(change.PreviousVersion, body["metadata"]!["resourceVersion"]!.GetValue<string>());
        Assert.Equal(["host", "port", "dbname"], body["data"]!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public async Task Returns_the_same_change_without_patching_when_asked_to_point_at_the_same_endpoint_again()
    {
        var store = Store();
        var first = await store.PointAtAsync(Restored, TestContext.Current.CancellationToken);

        var second = await store.PointAtAsync(Restored, TestContext.Current.CancellationToken);

        Assert.Equal(first, second);
        Assert.Single(Api.Requests, r => r.Method == "PATCH");
    }

    [Fact]
    public async Task Revert_writes_the_previous_values_back_and_drops_the_annotation()
    {
        var store = Store();
        var change = await store.PointAtAsync(Restored, TestContext.Current.CancellationToken);

        await store.RevertAsync(change, TestContext.Current.CancellationToken);
        await store.RevertAsync(change, TestContext.Current.CancellationToken);

        Assert.Equal(new Dictionary<string, string>
        {
            ["host"] = "orders.cluster.example",
            ["port"] = "5432",
            ["dbname"] = "orders",
            ["password"] = "s3cret",
        }, Api.SecretData("prod", "orders-db"));
        Assert.False(Api.SecretAnnotations("prod", "orders-db")?.ContainsKey(KubernetesSecretStore.PreviousAnnotation) ?? false);
        Assert.Equal(2, Api.Requests.Count(r => r.Method == "PATCH"));
    }

    [Fact]
    public async Task Names_the_missing_verb_when_kubernetes_refuses_to_patch_the_secret()
    {
        Api.Forbid("patch", "secrets");

        var refused = await Assert.ThrowsAsync<KubernetesRequestException>(
            async () => await Store().PointAtAsync(Restored, TestContext.Current.CancellationToken));

        Assert.StartsWith("Kubernetes refused to let the bot patch secrets in namespace prod (403 Forbidden).", refused.Message, StringComparison.Ordinal);
        Assert.Equal("orders.cluster.example", Api.SecretData("prod", "orders-db")["host"]);
    }
}
