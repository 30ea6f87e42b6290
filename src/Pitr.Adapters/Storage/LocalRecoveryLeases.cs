using System.Collections.Concurrent;
using Pitr.Domain.Ports;

namespace Pitr.Adapters.Storage;

/// <summary>Leases within one process: enough for the embedded store, which serves a single bot replica.</summary>
internal sealed class LocalRecoveryLeases : IRecoveryLeases
{
    private readonly ConcurrentDictionary<string, Lease> held = new();

    public ValueTask<IAsyncDisposable?> TryAcquireAsync(string recoveryId, CancellationToken cancellationToken)
    {
        var lease = new Lease(this, recoveryId);
        return ValueTask.FromResult<IAsyncDisposable?>(held.TryAdd(recoveryId, lease) ? lease : null);
    }

    private sealed class Lease(LocalRecoveryLeases owner, string recoveryId) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            owner.held.TryRemove(new KeyValuePair<string, Lease>(recoveryId, this));
            return ValueTask.CompletedTask;
        }
    }
}
