namespace Pitr.Adapters.Kubernetes;

/// <summary>What one read of a Deployment or StatefulSet says about its rollout.</summary>
/// <param name="RestartedAt">The pod template's <c>kubectl.kubernetes.io/restartedAt</c> annotation.</param>
/// <param name="PodSelector">The workload's selector as a label-selector string, to list its pods.</param>
internal sealed record WorkloadState(string? RestartedAt, string PodSelector, RolloutProgress Progress);

internal enum RolloutPhase
{
    Waiting,
    Complete,
    Failed,
}

/// <param name="Status">What the rollout is doing, in words (e.g. "2 of 3 updated replicas are available").</param>
internal sealed record RolloutProgress(RolloutPhase Phase, string Status)
{
    public static RolloutProgress Waiting(string status) => new(RolloutPhase.Waiting, status);
}
