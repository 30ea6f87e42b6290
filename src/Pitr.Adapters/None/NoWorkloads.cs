using Pitr.Domain.Ports;

namespace Pitr.Adapters.None;

/// <summary>For databases whose applications pick up the secret without a restart (<c>Workloads:Restarter = none</c>).</summary>
internal sealed class NoWorkloads : IWorkloadRestarter
{
    public ValueTask<RolloutReport> RestartAsync(RestartRequest request, IProgress<WorkloadProgress>? progress, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new RolloutReport([]) { Skipped = true });
}
