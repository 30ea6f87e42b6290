using Npgsql;

namespace Pitr.Adapters.Local;

/// <summary>
/// Watches a restored server in recovery for its promotion, on one open connection through its private
/// socket: a query every <see cref="Interval"/> costs next to nothing, where a status call (a process to
/// ask whether the server runs, a new connection) every fraction of a second would not.
/// </summary>
internal static class PromotionWatch
{
    /// <summary>How often the open connection asks; promotion is noticed within this.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// How long one status call watches before answering "still replaying": as long as the shipped poll interval,
    /// so that a person's Abort and the restore timeout are seen as soon as before, while the costly part of a
    /// status call (a process, a new connection, the recovery loaded again) is paid once per bound.
    /// </summary>
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(5);

    /// <summary>While the server starts up it takes no connections yet; its start is awaited, so this is rare and short.</summary>
    public static readonly TimeSpan StartingUpRecheck = TimeSpan.FromMilliseconds(250);

    /// <returns>
    /// True when the server left recovery within <paramref name="bound"/>; false when it did not, or when it went away while
    /// watched (the next status call finds it stopped and says why).
    /// </returns>
    public static async Task<bool> PromotedWithinAsync(NpgsqlConnection connection, TimeSpan bound, TimeProvider clock, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("select pg_is_in_recovery()", connection);
        var until = clock.GetUtcNow() + bound;
        while (true)
        {
            try
            {
                if (!(bool)(await command.ExecuteScalarAsync(cancellationToken))!)
                {
                    return true;
                }
            }
            catch (NpgsqlException) when (!cancellationToken.IsCancellationRequested)
            {
                return false;
            }

            if (clock.GetUtcNow() >= until)
            {
                return false;
            }

            await Task.Delay(Interval, clock, cancellationToken);
        }
    }
}
