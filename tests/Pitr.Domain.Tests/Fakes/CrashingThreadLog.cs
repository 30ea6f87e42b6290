using Pitr.Domain.Ports;

namespace Pitr.Domain.Tests.Fakes;

/// <summary>A thread log whose save throws once when <see cref="CrashOn"/> matches: the process died after a post, before its record.</summary>
public sealed class CrashingThreadLog(IThreadLog inner) : IThreadLog
{
    public Func<RecoveryThread, bool>? CrashOn { get; set; }

    public ValueTask<RecoveryThread?> FindAsync(string recoveryId, string channel, CancellationToken cancellationToken) =>
        inner.FindAsync(recoveryId, channel, cancellationToken);

    public ValueTask SaveAsync(RecoveryThread thread, CancellationToken cancellationToken)
    {
        if (CrashOn is { } crash && crash(thread))
        {
            CrashOn = null;
            throw new InvalidOperationException("the process died here");
        }

        return inner.SaveAsync(thread, cancellationToken);
    }

    public ValueTask<IAsyncDisposable?> TryClaimAsync(string recoveryId, string channel, CancellationToken cancellationToken) =>
        inner.TryClaimAsync(recoveryId, channel, cancellationToken);
}
