using k8s;

namespace Pitr.Adapters.Kubernetes;

internal static class KubernetesClients
{
    /// <summary>A client for the cluster the options name: an explicit kubeconfig first, then the pod's service account, then the default kubeconfig.</summary>
    public static IKubernetes Create(KubernetesClusterOptions options)
    {
        KubernetesClientConfiguration config;
        if (options.Kubeconfig is { Length: > 0 } path)
        {
            config = KubernetesClientConfiguration.BuildConfigFromConfigFile(path, options.Context);
        }
        else if (options.Context is null && KubernetesClientConfiguration.IsInCluster())
        {
            config = KubernetesClientConfiguration.InClusterConfig();
        }
        else
        {
            config = KubernetesClientConfiguration.BuildConfigFromConfigFile(currentContext: options.Context);
        }

        return new k8s.Kubernetes(config);
    }
}
