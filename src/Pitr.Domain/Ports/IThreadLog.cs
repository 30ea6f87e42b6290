namespace Pitr.Domain.Ports;

/// <summary>Where each incident channel keeps its thread of a recovery: the header, what it has told, the message with open buttons.</summary>
public interface IThreadLog
{
    ValueTask<RecoveryThread?> FindAsync(string recoveryId, string channel, CancellationToken cancellationToken);

    ValueTask SaveAsync(RecoveryThread thread, CancellationToken cancellationToken);

    /// <summary>The right to tell one thread, so that bot replicas sharing a store never tell the same thread at once.</summary>
    /// <returns>The claim, released on dispose (and by the store if the holder dies), or null when another teller holds it.</returns>
    ValueTask<IAsyncDisposable?> TryClaimAsync(string recoveryId, string channel, CancellationToken cancellationToken);
}

/// <param name="Channel">The incident channel's name (<c>slack</c>, <c>console</c>): each keeps its own thread.</param>
public sealed record RecoveryThread(string RecoveryId, string Channel)
{
    public MessageRef? Header { get; init; }

    /// <summary>The audit sequence number of the last entry told in the thread.</summary>
    public long DeliveredSeq { get; init; }

    /// <summary>The thread message whose buttons are still live, and the entry it told.</summary>
    public MessageRef? OpenActions { get; init; }

    public long OpenActionsSeq { get; init; }

    /// <summary>
    /// The entry whose post was started and not yet recorded: after a crash the channel is asked whether it
    /// arrived before it is posted again.
    /// </summary>
    public long PostingSeq { get; init; }

    /// <summary>When posting the header was started, while no header is recorded: the channel is searched from then on.</summary>
    public DateTimeOffset? HeaderPostingSince { get; init; }

    /// <summary>The recovery version the header was last confirmed to show, in a state where the recovery rests (ended, or waiting for a person).</summary>
    public long HeaderSettledVersion { get; init; }
}
