using System.Text.RegularExpressions;
using Pitr.Adapters.Kubernetes;
using Pitr.Domain.Ports;

namespace Pitr.Adapters.Tests.Kubernetes;

/// <summary>The Roles in deploy/kubernetes grant exactly the verbs the adapters use, no more and no fewer.</summary>
public sealed partial class RbacRoleTests : IAsyncLifetime
{
    private readonly KubernetesTestCluster cluster = new();

    public ValueTask InitializeAsync() => cluster.InitializeAsync();

    public ValueTask DisposeAsync() => cluster.DisposeAsync();

    [Fact]
    public async Task Grant_exactly_the_verbs_the_adapters_use_when_every_feature_is_configured()
    {
        var api = cluster.Api;
        var usesOrders = new Dictionary<string, string> { ["uses-db"] = "orders" };
        api.AddDeployment("prod", "api");
        api.AddDeployment("prod", "web", labels: usesOrders);
        api.AddStatefulSet("prod", "queue");
        api.AddStatefulSet("prod", "cache", labels: usesOrders);
        api.AddSecret("prod", "orders-db", new Dictionary<string, string> { ["host"] = "old", ["port"] = "5432", ["dbname"] = "orders" });
        var options = cluster.WorkloadOptions("prod", "staging");
        options.Deployments.Add("api");
        options.StatefulSets.Add("queue");
        options.LabelSelector = "uses-db=orders";
        options.SelectStatefulSets = true;
        var secrets = cluster.SecretStore(new KubernetesSecretOptions { Namespace = "prod", Name = "orders-db" });

        var report = await KubernetesTestCluster.Restarter(options).RestartAsync(
            new RestartRequest("r-1", DateTimeOffset.UtcNow, TimeSpan.FromSeconds(30)), null, TestContext.Current.CancellationToken);
        var change = await secrets.PointAtAsync(new DatabaseEndpoint("new", "new", 5432, "orders"), TestContext.Current.CancellationToken);
        await secrets.RevertAsync(change, TestContext.Current.CancellationToken);

        Assert.True(report.Succeeded, string.Join("; ", report.Workloads.Select(w => $"{w.Name}: {w.Detail}")));
        var used = api.Requests.Select(r => r.Path.Split('/', StringSplitOptions.RemoveEmptyEntries) switch
        {
            [.., "namespaces", _, var resource] => $"{(r.Method == "GET" ? "list" : r.Method.ToLowerInvariant())} {resource}",
            [.., "namespaces", _, var resource, _] => $"{(r.Method == "GET" ? "get" : r.Method.ToLowerInvariant())} {resource}",
            _ => $"{r.Method} {r.Path}",
        }).ToHashSet();
        Assert.Equal(Granted("role.yaml").Concat(Granted("secret-role.yaml")).Order(), used.Order());
    }

    /// <summary>Every "verb resource" pair the rules of a manifest grant.</summary>
    private static IEnumerable<string> Granted(string manifest)
    {
        var text = File.ReadAllText(Path.Combine(RepositoryRoot(), "deploy", "kubernetes", manifest));
        foreach (Match rule in RuleSyntax().Matches(text))
        {
            var resources = Quoted(rule.Groups["resources"].Value);
            var verbs = Quoted(rule.Groups["verbs"].Value);
            foreach (var resource in resources)
            {
                foreach (var verb in verbs)
                {
                    yield return $"{verb} {resource}";
                }
            }
        }
    }

    private static IEnumerable<string> Quoted(string list) => QuotedSyntax().Matches(list).Select(m => m.Groups[1].Value);

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Pitr.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Pitr.sln not found above the test binaries");
    }

    [GeneratedRegex(@"resources:\s*\[(?<resources>[^\]]*)\](?:(?!resources:)[\s\S])*?verbs:\s*\[(?<verbs>[^\]]*)\]")]
    private static partial Regex RuleSyntax();

    [GeneratedRegex("\"([^\"]+)\"")]
    private static partial Regex QuotedSyntax();
}
