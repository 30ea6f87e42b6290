using k8s;
using Microsoft.Extensions.Logging;
using Pitr.Domain.Ports;

namespace Pitr.Adapters.Kubernetes;

/// <summary>
/// <c>Workloads:Restarter = kubernetes</c>: restarts every configured Deployment (and StatefulSet)
/// at once, as <c>kubectl rollout restart</c> does, and follows each rollout to its end.
/// </summary>
internal sealed class KubernetesWorkloadRestarter(
    IKubernetes client, KubernetesWorkloadOptions options, TimeProvider clock, ILogger<KubernetesWorkloadRestarter> logger) : IWorkloadRestarter
{
    public async ValueTask<RolloutReport> RestartAsync(RestartRequest request, IProgress<WorkloadProgress>? progress, CancellationToken cancellationToken)
    {
        var stamp = RestartPatch.Stamp(request.RestartedAt);
        using var timeout = new CancellationTokenSource(request.Timeout, clock);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["RecoveryId"] = request.RecoveryId });

        IReadOnlyList<WorkloadRef> workloads;
        IReadOnlyList<WorkloadResult> problems;
        try
        {
            (workloads, problems) = await new WorkloadResolver(client, options).ResolveAsync(deadline.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return new RolloutReport([new WorkloadResult("workloads", false, request.Timeout,
                $"timed out after {Durations.Format(request.Timeout)} while finding the workloads to restart")]);
        }

        logger.Restarting(workloads.Count, stamp);
        var rollout = new WorkloadRollout(client, clock, options.PollInterval, progress, logger);
        var results = await Task.WhenAll(workloads.Select(w => rollout.RunAsync(w, stamp, request.Timeout, deadline.Token, cancellationToken)));
        cancellationToken.ThrowIfCancellationRequested();
        return new RolloutReport([.. problems, .. results]);
    }
}
