using k8s;
using k8s.Models;

namespace Pitr.Adapters.Kubernetes;

/// <summary>The API calls and rollout rules of one kind of workload.</summary>
internal abstract class WorkloadKind
{
    public static readonly WorkloadKind Deployment = new DeploymentKind();
    public static readonly WorkloadKind StatefulSet = new StatefulSetKind();

    /// <summary>As kubectl names it: <c>deployment</c>.</summary>
    public abstract string Singular { get; }

    /// <summary>As RBAC names it: <c>deployments.apps</c>.</summary>
    public abstract string Resource { get; }

    /// <summary>The workload's state, or null when it does not exist.</summary>
    public abstract Task<WorkloadState?> ReadAsync(IKubernetes client, string ns, string name, CancellationToken cancellationToken);

    public abstract Task<IReadOnlyList<string>> ListAsync(IKubernetes client, string ns, string labelSelector, CancellationToken cancellationToken);

    public abstract Task PatchAsync(IKubernetes client, string ns, string name, V1Patch patch, CancellationToken cancellationToken);

    public override string ToString() => Singular;

    protected static async Task<T?> OrNullWhenMissing<T>(Func<Task<T>> read)
        where T : class
    {
        try
        {
            return await read();
        }
        catch (KubernetesRequestException e) when (e.Status == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    protected static string? RestartedAtOf(V1PodTemplateSpec? template) =>
        template?.Metadata?.Annotations?.TryGetValue(RestartPatch.Annotation, out var stamp) == true ? stamp : null;
}
