using Pitr.Domain.Ports;

namespace Pitr.Domain.Tests.Fakes;

/// <summary>Each channel's thread of each recovery, in memory.</summary>
public sealed class InMemoryThreadLog : IThreadLog
{
    private readonly Lock gate = new();
    private readonly Dictionary<(string RecoveryId, string Channel), RecoveryThread> threads = [];

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
}
