namespace Pitr.Adapters.Kubernetes;

/// <summary>How to reach the cluster: the pod's service account when running inside it, otherwise a kubeconfig.</summary>
public abstract class KubernetesClusterOptions
{
    /// <summary>
    /// A kubeconfig file. When unset the bot uses its service account if it runs in a pod,
    /// otherwise <c>$KUBECONFIG</c> or <c>~/.kube/config</c>.
    /// </summary>
    public string? Kubeconfig { get; set; }

    /// <summary>The kubeconfig context to use; its current context when unset.</summary>
    public string? Context { get; set; }
}
