namespace Pitr.Domain.Ports;

/// <summary>Told after every saved change, so that the work it calls for (the next step, the thread) starts at once instead of at the next poll.</summary>
public interface IRecoverySignals
{
    ValueTask ChangedAsync(string recoveryId, CancellationToken cancellationToken);
}
