namespace Pitr.Domain.Ports;

/// <summary>The exclusive right to advance one recovery, so that several bot replicas sharing a store never step the same recovery at once.</summary>
public interface IRecoveryLeases
{
    /// <returns>The lease, released on dispose (and by the store if the holder dies), or null when another runner holds it.</returns>
    ValueTask<IAsyncDisposable?> TryAcquireAsync(string recoveryId, CancellationToken cancellationToken);
}
