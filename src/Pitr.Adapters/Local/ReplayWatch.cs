using Npgsql;

namespace Pitr.Adapters.Local;

/// <summary>Where a watched restore's replay stands.</summary>
internal enum ReplayState
{
    Replaying,

    /// <summary>Stopped at its target, read-only (recovery_target_action = pause), until promoted or replayed on.</summary>
    Paused,

    Promoted,
}

/// <summary>
/// Watches a restored server in recovery for the end of its replay (paused at the target, or promoted), on one
/// open connection through its private socket. PostgreSQL logs the end of replay as it happens, so each write to the
/// server's log is a reason to ask at once; between writes a query every <see cref="Interval"/> is the safety net
/// (every <see cref="IntervalUnwatched"/> when the log cannot be watched). A status call (a new connection, the
/// recovery loaded again) every fraction of a second would cost far more.
/// </summary>
internal static class ReplayWatch
{
    /// <summary>How often the open connection asks while the log is quiet.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    /// <summary>How often it asks when the log cannot be watched: the end of replay is noticed within this.</summary>
    public static readonly TimeSpan IntervalUnwatched = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// How soon it asks again after a write that did not end replay yet: the server logs a pause a moment before
    /// it confirms it, and nothing more is written after.
    /// </summary>
    public static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(10);

    /// <summary>
    /// How long one status call watches before answering "still replaying": as long as the shipped poll interval,
    /// so that a person's Abort and the restore timeout are seen as soon as before, while the costly part of a
    /// status call (a new connection, the recovery loaded again) is paid once per bound.
    /// </summary>
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(5);

    /// <summary>While the server starts up it takes no connections yet; its start is awaited, so this is rare and short.</summary>
    public static readonly TimeSpan StartingUpRecheck = TimeSpan.FromMilliseconds(250);

    // 'paused' only once replay has stopped, not merely when a pause was asked for (pg_is_wal_replay_paused).
    private const string Query =
        "select case when not pg_is_in_recovery() then 2 when pg_get_wal_replay_pause_state() = 'paused' then 1 else 0 end";

    /// <param name="log">The server's log writes; each one wakes the watch.</param>
    /// <returns>
    /// Where replay stands when it ended within <paramref name="bound"/>, else <see cref="ReplayState.Replaying"/>; also
    /// Replaying when the server went away while watched (the next status call finds it stopped and says why).
    /// </returns>
    public static async Task<ReplayState> WatchAsync(
        NpgsqlConnection connection, ServerLogWrites log, TimeSpan bound, TimeProvider clock, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(Query, connection);
        var until = clock.GetUtcNow() + bound;
        var interval = log.Watching ? Interval : IntervalUnwatched;
        var wokenByLog = false;
        while (true)
        {
            var written = log.NextWrite;
            try
            {
                var state = (ReplayState)(int)(await command.ExecuteScalarAsync(cancellationToken))!;
                if (state != ReplayState.Replaying)
                {
                    return state;
                }
            }
            catch (NpgsqlException) when (!cancellationToken.IsCancellationRequested)
            {
                return ReplayState.Replaying;
            }

            if (clock.GetUtcNow() >= until)
            {
                return ReplayState.Replaying;
            }

            // The settle is the server's own moment between logging and confirming, not a schedule: real time.
            wokenByLog = wokenByLog
                ? await WrittenWithinAsync(written, Settle, TimeProvider.System, cancellationToken)
                : await WrittenWithinAsync(written, interval, clock, cancellationToken);
        }
    }

    private static async Task<bool> WrittenWithinAsync(Task written, TimeSpan wait, TimeProvider clock, CancellationToken cancellationToken)
    {
        using var waited = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var first = await Task.WhenAny(written, Task.Delay(wait, clock, waited.Token));
        await waited.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
        return first == written;
    }
}
