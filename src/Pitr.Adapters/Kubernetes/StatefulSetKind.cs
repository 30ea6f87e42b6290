using k8s;
using k8s.Models;

namespace Pitr.Adapters.Kubernetes;

internal sealed class StatefulSetKind : WorkloadKind
{
    public override string Singular => "statefulset";

    public override string Resource => "statefulsets.apps";

    public override async Task<WorkloadState?> ReadAsync(IKubernetes client, string ns, string name, CancellationToken cancellationToken)
    {
        var set = await OrNullWhenMissing(() => KubernetesRequestException.Call("get", Resource, ns, name,
            () => client.AppsV1.ReadNamespacedStatefulSetAsync(name, ns, cancellationToken: cancellationToken)));
        return set is null
            ? null
            : new WorkloadState(RestartedAtOf(set.Spec.Template), LabelSelectors.Format(set.Spec.Selector), Evaluate(set));
    }

    public override async Task<IReadOnlyList<string>> ListAsync(IKubernetes client, string ns, string labelSelector, CancellationToken cancellationToken)
    {
        var list = await KubernetesRequestException.Call("list", Resource, ns, null,
            () => client.AppsV1.ListNamespacedStatefulSetAsync(ns, labelSelector: labelSelector, cancellationToken: cancellationToken));
        return [.. list.Items.Select(s => s.Metadata.Name)];
    }

    public override Task PatchAsync(IKubernetes client, string ns, string name, V1Patch patch, CancellationToken cancellationToken) =>
        KubernetesRequestException.Call("patch", Resource, ns, name,
            () => client.AppsV1.PatchNamespacedStatefulSetAsync(patch, name, ns, cancellationToken: cancellationToken));

    /// <summary>The rules <c>kubectl rollout status</c> applies to StatefulSets (they have no progress deadline: the timeout decides).</summary>
    internal static RolloutProgress Evaluate(V1StatefulSet set)
    {
        var spec = set.Spec;
        var status = set.Status ?? new V1StatefulSetStatus();
        if (spec.UpdateStrategy?.Type is { } strategy && strategy != "RollingUpdate")
        {
            return new(RolloutPhase.Failed, $"update strategy is {strategy}: its pods restart only when deleted");
        }

        if ((status.ObservedGeneration ?? 0) == 0 || (set.Metadata.Generation ?? 0) > status.ObservedGeneration)
        {
            return RolloutProgress.Waiting("waiting for the controller to see the restart");
        }

        var desired = spec.Replicas ?? 1;
        var ready = status.ReadyReplicas ?? 0;
        var updated = status.UpdatedReplicas ?? 0;
        if (ready < desired)
        {
            return RolloutProgress.Waiting($"{ready} of {desired} replicas ready");
        }

        var partition = spec.UpdateStrategy?.RollingUpdate?.Partition ?? 0;
        if (partition > 0)
        {
            return updated < desired - partition
                ? RolloutProgress.Waiting($"{updated} of {desired - partition} pods above the partition updated")
                : new(RolloutPhase.Complete, $"{desired - partition} pods above partition {partition} updated");
        }

        return status.UpdateRevision != status.CurrentRevision
            ? RolloutProgress.Waiting($"{updated} of {desired} pods at the new revision")
            : new(RolloutPhase.Complete, $"{desired} replicas updated and ready");
    }
}
