namespace Pitr.Domain.Ports;

/// <summary>Where each incident channel keeps its thread of a recovery: the header, what it has told, the message with open buttons.</summary>
public interface IThreadLog
{
    ValueTask<RecoveryThread?> FindAsync(string recoveryId, string channel, CancellationToken cancellationToken);

    ValueTask SaveAsync(RecoveryThread thread, CancellationToken cancellationToken);
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
}
