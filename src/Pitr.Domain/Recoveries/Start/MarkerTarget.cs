using Pitr.Domain.Ports;

namespace Pitr.Domain.Recoveries.Start;

/// <summary>
/// A drill's target when the database has a marker proof: a marker committed on the source, a second one committed after it,
/// both archived; the target is the first one's commit, rounded up to what the engine honours (RDS: the second), and the second
/// marker commits after it. recovery_target_time is inclusive: the first commit is replayed, the next is not. Validation then
/// finds the first and misses the second. No proof, no drill: every failure is a refusal.
/// </summary>
internal static class MarkerTarget
{
    public static async ValueTask<(RecoveryTarget, RestorableWindow?, Refusal?)> PlaceAsync(
        string recoveryId, DatabaseBinding binding, IMarkerProof proof, TimeProvider clock, CancellationToken cancellationToken)
    {
        DrillMarker before, after;
        DateTimeOffset target;
        try
        {
            before = await proof.WriteAsync(recoveryId, MarkerRole.BeforeTarget, null, cancellationToken);
            target = Ceiling(before.CommittedAt, binding.Restorer.TargetResolution);
            after = await proof.WriteAsync(recoveryId, MarkerRole.AfterTarget, target, cancellationToken);
        }
        catch (MarkerProofException e)
        {
            return Refused(binding, MarkerProblem.NotWritten, null, null, e.Message);
        }

        if (after.CommittedAt <= target)
        {
            return Refused(binding, MarkerProblem.ClockWentBack, before, null, null);
        }

        await proof.SwitchWalAsync(cancellationToken);
        var deadline = clock.GetUtcNow() + binding.Policy.DrillMarkerWait;
        while (true)
        {
            // A commit after the target in the archive (the second marker's, or a later one) means everything up to the
            // target is there. Not the second marker's reported time: without track_commit_timestamp it is read after its commit.
            var window = await binding.Restorer.GetRestorableWindowAsync(cancellationToken);
            if (window.Latest > target)
            {
                return window.Earliest <= before.CommittedAt
                    ? (RecoveryTarget.At(target), window, null)
                    : Refused(binding, MarkerProblem.BeforeWindow, before, window, null);
            }

            if (clock.GetUtcNow() >= deadline)
            {
                return Refused(binding, MarkerProblem.NotRestorable, before, window, null);
            }

            await Task.Delay(binding.Policy.PollInterval, clock, cancellationToken);
        }
    }

    private static DateTimeOffset Ceiling(DateTimeOffset instant, TimeSpan resolution) =>
        new((instant.UtcTicks + resolution.Ticks - 1) / resolution.Ticks * resolution.Ticks, TimeSpan.Zero);

    private static (RecoveryTarget, RestorableWindow?, Refusal?) Refused(
        DatabaseBinding binding, MarkerProblem problem, DrillMarker? marker, RestorableWindow? window, string? detail) =>
        (RecoveryTarget.At(default), null, new MarkerProofImpossible(binding.Name, problem, marker, window, binding.Policy.DrillMarkerWait, detail));
}
