using k8s;
using k8s.Models;

namespace Pitr.Adapters.Kubernetes;

internal sealed class DeploymentKind : WorkloadKind
{
    public override string Singular => "deployment";

    public override string Resource => "deployments.apps";

    public override async Task<WorkloadState?> ReadAsync(IKubernetes client, string ns, string name, CancellationToken cancellationToken)
    {
        var deployment = await OrNullWhenMissing(() => KubernetesRequestException.Call("get", Resource, ns, name,
            () => client.AppsV1.ReadNamespacedDeploymentAsync(name, ns, cancellationToken: cancellationToken)));
        return deployment is null
            ? null
            : new WorkloadState(RestartedAtOf(deployment.Spec.Template), LabelSelectors.Format(deployment.Spec.Selector), Evaluate(deployment));
    }

    public override async Task<IReadOnlyList<string>> ListAsync(IKubernetes client, string ns, string labelSelector, CancellationToken cancellationToken)
    {
        var list = await KubernetesRequestException.Call("list", Resource, ns, null,
            () => client.AppsV1.ListNamespacedDeploymentAsync(ns, labelSelector: labelSelector, cancellationToken: cancellationToken));
        return [.. list.Items.Select(d => d.Metadata.Name)];
    }

    public override Task PatchAsync(IKubernetes client, string ns, string name, V1Patch patch, CancellationToken cancellationToken) =>
        KubernetesRequestException.Call("patch", Resource, ns, name,
            () => client.AppsV1.PatchNamespacedDeploymentAsync(patch, name, ns, cancellationToken: cancellationToken));

    /// <summary>The rules <c>kubectl rollout status</c> applies, plus "none unavailable".</summary>
    internal static RolloutProgress Evaluate(V1Deployment deployment)
    {
        var spec = deployment.Spec;
        var status = deployment.Status ?? new V1DeploymentStatus();
        if (spec.Paused == true)
        {
            return new(RolloutPhase.Failed, "the deployment is paused, so it will not roll out (kubectl rollout resume)");
        }

        if ((deployment.Metadata.Generation ?? 0) > (status.ObservedGeneration ?? 0))
        {
            return RolloutProgress.Waiting("waiting for the controller to see the restart");
        }

        var stalled = status.Conditions?.FirstOrDefault(c => c.Type == "Progressing" && c.Reason == "ProgressDeadlineExceeded");
        if (stalled is not null)
        {
            return new(RolloutPhase.Failed, $"progress deadline exceeded: {stalled.Message}");
        }

        var desired = spec.Replicas ?? 1;
        var updated = status.UpdatedReplicas ?? 0;
        var replicas = status.Replicas ?? 0;
        var available = status.AvailableReplicas ?? 0;
        var unavailable = status.UnavailableReplicas ?? 0;
        if (updated < desired)
        {
            return RolloutProgress.Waiting($"{updated} of {desired} new replicas updated");
        }

        if (replicas > updated)
        {
            return RolloutProgress.Waiting($"{replicas - updated} old replicas pending termination");
        }

        if (available < updated)
        {
            return RolloutProgress.Waiting($"{available} of {updated} updated replicas available");
        }

        return unavailable > 0
            ? RolloutProgress.Waiting($"{unavailable} replicas unavailable")
            : new(RolloutPhase.Complete, $"{desired} replicas updated and available");
    }
}
