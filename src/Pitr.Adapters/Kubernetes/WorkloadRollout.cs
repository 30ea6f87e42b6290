using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Pitr.Domain.Ports;

namespace Pitr.Adapters.Kubernetes;

/// <summary>Restarts one workload and follows its rollout until every pod runs the restarted template.</summary>
internal sealed class WorkloadRollout(IKubernetes client, TimeProvider clock, TimeSpan pollInterval, IProgress<WorkloadProgress>? progress, ILogger logger)
{
    public async Task<WorkloadResult> RunAsync(WorkloadRef workload, string stamp, TimeSpan timeout, CancellationToken deadline, CancellationToken cancellationToken)
    {
        var started = clock.GetTimestamp();
        var name = workload.ToString();
        var status = "not started";
        try
        {
            status = await RestartAsync(workload, stamp, deadline);
            progress?.Report(new WorkloadProgress(name, status));
            while (true)
            {
                var state = await workload.Kind.ReadAsync(client, workload.Namespace, workload.Name, deadline)
                    ?? throw new KubernetesRequestException($"{workload} was deleted during its rollout.", System.Net.HttpStatusCode.NotFound);
                if (state.RestartedAt != stamp)
                {
                    return Finish(name, false, started, $"restarted again by someone else (restartedAt {state.RestartedAt}) during its rollout");
                }

                var rollout = state.Progress;
                status = rollout.Status;
                if (rollout.Phase == RolloutPhase.Failed)
                {
                    return Finish(name, false, started, rollout.Status);
                }

                if (rollout.Phase == RolloutPhase.Complete)
                {
                    var (moved, proof) = await PodsOnNewTemplateAsync(workload, state.PodSelector, stamp, deadline);
                    status = proof;
                    if (moved)
                    {
                        return Finish(name, true, started, $"{rollout.Status}; {proof}");
                    }
                }

                progress?.Report(new WorkloadProgress(name, status));
                await Task.Delay(pollInterval, clock, deadline);
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return Finish(name, false, started, $"timed out after {Durations.Format(timeout)}; last seen: {status}");
        }
        catch (KubernetesRequestException e)
        {
            return Finish(name, false, started, e.Message);
        }
    }

    /// <summary>Patches the template unless it already carries this stamp (a repeated request watches the rollout under way).</summary>
    private async Task<string> RestartAsync(WorkloadRef workload, string stamp, CancellationToken cancellationToken)
    {
        var state = await workload.Kind.ReadAsync(client, workload.Namespace, workload.Name, cancellationToken)
            ?? throw new KubernetesRequestException($"{workload} does not exist.", System.Net.HttpStatusCode.NotFound);
        if (state.RestartedAt == stamp)
        {
            logger.AlreadyRestarted(workload.ToString(), stamp);
            return "restart already requested; following its rollout";
        }

        await workload.Kind.PatchAsync(client, workload.Namespace, workload.Name, RestartPatch.For(stamp), cancellationToken);
        logger.Restarted(workload.ToString(), stamp);
        return "restart requested";
    }

    /// <summary>The proof that the applications moved: every pod the workload selects was created from the restarted template.</summary>
    private async Task<(bool Moved, string Proof)> PodsOnNewTemplateAsync(WorkloadRef workload, string selector, string stamp, CancellationToken cancellationToken)
    {
        var pods = await KubernetesRequestException.Call("list", "pods", workload.Namespace, null,
            () => client.CoreV1.ListNamespacedPodAsync(workload.Namespace, labelSelector: selector, cancellationToken: cancellationToken));
        var old = pods.Items.Where(p => !IsFrom(p, stamp)).ToList();
        if (old.Count == 0)
        {
            return (true, $"all {pods.Items.Count} pods on the restarted template");
        }

        var terminating = old.Count(p => p.Metadata.DeletionTimestamp is not null);
        return (false, terminating == old.Count
            ? $"{terminating} old pods still terminating"
            : $"{old.Count} of {pods.Items.Count} pods still on the old template");
    }

    private static bool IsFrom(V1Pod pod, string stamp) =>
        pod.Metadata.DeletionTimestamp is null
        && pod.Metadata.Annotations?.TryGetValue(RestartPatch.Annotation, out var podStamp) == true
        && podStamp == stamp;

    private WorkloadResult Finish(string name, bool succeeded, long started, string detail)
    {
        var duration = clock.GetElapsedTime(started);
        progress?.Report(new WorkloadProgress(name, succeeded ? $"rolled out: {detail}" : $"failed: {detail}"));
        if (succeeded)
        {
            logger.RolledOut(name, duration, detail);
        }
        else
        {
            logger.RolloutFailed(name, duration, detail);
        }

        return new WorkloadResult(name, succeeded, duration, detail);
    }
}
