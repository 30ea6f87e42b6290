using Pitr.Domain.Ports;

namespace Pitr.Domain.Tests.Fakes;

/// <summary>Each channel's thread of each recovery, in memory.</summary>
public sealed class InMemoryThreadLog : IThreadLog
{
    private readonly Lock gate = new();
    private readonly Dictionary<(string RecoveryId, string Channel), RecoveryThread> threads = [];
    private readonly HashSet<(string RecoveryId, string Channel)> claimed = [];

    public ValueTask<RecoveryThread?> FindAsync(string recoveryId, string channel, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return ValueTask.FromResult(threads.GetValueOrDefault((recoveryId, channel)));
        }
    }

    public ValueTask SaveAsync(RecoveryThread thread, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            threads[(thread.RecoveryId, thread.Channel)] = thread;
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask<IAsyncDisposable?> TryClaimAsync(string recoveryId, string channel, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return ValueTask.FromResult<IAsyncDisposable?>(claimed.Add((recoveryId, channel)) ? new Claim(this, (recoveryId, channel)) : null);
        }
    }

    private sealed class Claim(InMemoryThreadLog log, (string, string) key) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            lock (log.gate)
            {
                log.claimed.Remove(key);
            }

            return ValueTask.CompletedTask;
        }
    }
}
