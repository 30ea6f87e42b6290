using Pitr.Domain.Announcements;
using Pitr.Domain.Ports;
using Pitr.Domain.Recoveries;

namespace Pitr.Domain.Tests.Fakes;

/// <summary>
/// Remembers every signal with what the store held when it came, and (unless told not to) delivers the
/// thread at once through the announcer, so tests see the thread right after each change.
/// </summary>
public sealed class RecordingSignals(IRecoveryStore store, RecoveryAnnouncer announcer) : IRecoverySignals
{
    private readonly List<Signal> told = [];

    /// <summary>When false, nothing is delivered until a test calls the announcer itself.</summary>
    public bool DeliverInline { get; set; } = true;

    public IReadOnlyList<Signal> Told { get { lock (told) { return [.. told]; } } }

    public async ValueTask ChangedAsync(string recoveryId, CancellationToken cancellationToken)
    {
        var saved = await store.FindAsync(recoveryId, cancellationToken);
        lock (told)
        {
            told.Add(new Signal(recoveryId, saved?.State, saved?.Version ?? 0));
        }

        if (DeliverInline)
        {
            await announcer.DeliverAsync(recoveryId, cancellationToken);
        }
    }
}

/// <param name="State">The recovery's state as stored when the signal came; null when it was not stored.</param>
public sealed record Signal(string RecoveryId, RecoveryState? State, int Version);
