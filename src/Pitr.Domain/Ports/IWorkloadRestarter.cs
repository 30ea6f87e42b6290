namespace Pitr.Domain.Ports;

/// <summary>Restarts every workload that reads the secret, all at once, and waits for each rollout.</summary>
public interface IWorkloadRestarter
{
    /// <remarks>
    /// Idempotent for one <see cref="RestartRequest.RestartedAt"/>: asking again with the same stamp
    /// watches the rollouts already under way instead of starting new ones.
    /// </remarks>
    ValueTask<RolloutReport> RestartAsync(RestartRequest request, IProgress<WorkloadProgress>? progress, CancellationToken cancellationToken);
}

public sealed record RestartRequest(string RecoveryId, DateTimeOffset RestartedAt, TimeSpan Timeout);

public sealed record WorkloadProgress(string Workload, string Status);

public sealed record RolloutReport(IReadOnlyList<WorkloadResult> Workloads)
{
    public bool Succeeded => Workloads.All(w => w.Succeeded);

    /// <summary>No workloads are configured: nothing was restarted, and the report says so rather than "rolled out".</summary>
    public bool Skipped { get; init; }
}

public sealed record WorkloadResult(string Name, bool Succeeded, TimeSpan Duration, string Detail);
