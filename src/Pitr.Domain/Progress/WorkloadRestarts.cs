using Pitr.Domain.Ports;
using Pitr.Domain.Recoveries;
using Pitr.Domain.Announcements;

namespace Pitr.Domain.Progress;

/// <summary>Restarts a recovery's workloads with the stamp fixed when the state was entered (so a resumed restart watches the same rollouts), reporting progress in the thread.</summary>
public sealed class WorkloadRestarts(RecoveryAnnouncer announcer, TimeProvider clock)
{
    /// <summary>How much later than the adapter's own timeout the step gives up: long enough for the adapter's report of what it saw.</summary>
    public static readonly TimeSpan ReportSlack = TimeSpan.FromSeconds(15);

    private static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(10);

    public async ValueTask<RolloutReport> RestartAsync(Recovery recovery, DatabaseBinding database, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var progress = new CoalescedProgress(announcer, recovery.Id, clock, ProgressEvery);
        var stamp = recovery.Snapshot.RestartedAt ?? recovery.StateEnteredAt;
        return await database.Workloads.RestartAsync(new RestartRequest(recovery.Id, stamp, timeout), progress, cancellationToken);
    }
}
