namespace Pitr.Domain.Announcements;

/// <summary>What a delivery left untold in a thread: entries not yet posted (and a final header not yet shown), and since when.</summary>
/// <param name="Claimed">False when another teller held the thread: nothing was tried and nothing is known.</param>
public sealed record ThreadBacklog(bool Claimed, int Pending, DateTimeOffset? OldestPendingAt)
{
    public static readonly ThreadBacklog Busy = new(false, 0, null);

    public static readonly ThreadBacklog Empty = new(true, 0, null);
}
