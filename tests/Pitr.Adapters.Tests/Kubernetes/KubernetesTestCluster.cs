using Microsoft.Extensions.Logging.Abstractions;
using Pitr.Adapters.Kubernetes;
using Pitr.Adapters.Tests.Kubernetes.StandIn;
using Pitr.Domain.Ports;

namespace Pitr.Adapters.Tests.Kubernetes;

/// <summary>A stand-in API server and a kubeconfig pointing at it, for one test.</summary>
public sealed class KubernetesTestCluster : IAsyncLifetime
{
    private readonly DirectoryInfo directory = Directory.CreateTempSubdirectory("pitr-k8s-");

    public KubernetesApiStandIn Api { get; private set; } = null!;

    public string Kubeconfig { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        Api = await KubernetesApiStandIn.StartAsync();
        Kubeconfig = Api.WriteKubeconfig(directory.FullName);
    }

    public async ValueTask DisposeAsync()
    {
        await Api.DisposeAsync();
        directory.Delete(recursive: true);
    }

    /// <summary>Options reaching the stand-in through the kubeconfig's non-current <c>stand-in</c> context, polling fast.</summary>
    public KubernetesWorkloadOptions WorkloadOptions(params string[] namespaces)
    {
        var options = new KubernetesWorkloadOptions { Kubeconfig = Kubeconfig, Context = "stand-in", PollInterval = TimeSpan.FromMilliseconds(20) };
        foreach (var ns in namespaces)
        {
            options.Namespaces.Add(ns);
        }

        return options;
    }

    public static IWorkloadRestarter Restarter(KubernetesWorkloadOptions options) =>
        new KubernetesWorkloadRestarter(KubernetesClients.Create(options), options, TimeProvider.System, NullLogger<KubernetesWorkloadRestarter>.Instance);

    public ISecretStore SecretStore(KubernetesSecretOptions options)
    {
        options.Kubeconfig = Kubeconfig;
        options.Context = "stand-in";
        return new KubernetesSecretStore(KubernetesClients.Create(options), options, NullLogger<KubernetesSecretStore>.Instance);
    }
}
