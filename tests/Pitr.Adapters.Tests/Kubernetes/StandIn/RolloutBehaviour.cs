namespace Pitr.Adapters.Tests.Kubernetes.StandIn;

/// <summary>How a workload's rollout goes once its pod template changes.</summary>
/// <param name="Reads">Reads of the workload after the patch until the rollout completes (the first read still shows the old generation).</param>
/// <param name="Duration">When set, the rollout completes this long after the patch instead, whatever the number of reads.</param>
/// <param name="DeadlineExceededRollouts">The first this many rollouts do not complete: their Progressing condition turns to ProgressDeadlineExceeded.</param>
/// <param name="Stalls">The rollout never gets past its first new replica.</param>
/// <param name="OldPodLingers">After the rollout completes, one pod of the old template stays for this many more reads.</param>
public sealed record RolloutBehaviour(int Reads = 3, TimeSpan? Duration = null, int DeadlineExceededRollouts = 0, bool Stalls = false, int OldPodLingers = 0);
