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
/// open connection through its private socket: a query every <see cref="Interval"/> costs next to nothing, where
/// a status call (a new connection, the recovery loaded again) every fraction of a second would not.
/// </summary>
internal static class ReplayWatch
{
    /// <summary>How often the open connection asks; the end of replay is noticed within this.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

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

    /// <returns>
    /// Where replay stands when it ended within <paramref name="bound"/>, else <see cref="ReplayState.Replaying"/>; also
    /// Replaying when the server went away while watched (the next status call finds it stopped and says why).
    /// </returns>
    public static async Task<ReplayState> WatchAsync(NpgsqlConnection connection, TimeSpan bound, TimeProvider clock, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(Query, connection);
        var until = clock.GetUtcNow() + bound;
        while (true)
        {
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

            await Task.Delay(Interval, clock, cancellationToken);
        }
    }
}
