using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Npgsql;
using Pitr.Domain.Ports;

namespace Pitr.Adapters.Postgres;

/// <summary>
/// Writes a drill's marker rows on the source (one transaction each) and looks for them in the restore. The commit time is the
/// server's own (<c>pg_xact_commit_timestamp</c>, to the microsecond) when it tracks commit timestamps; otherwise the server's
/// clock read just after the commit, which is as good a target: later than the marker's commit, earlier than the next one's.
/// </summary>
/// <param name="restoredAt">The validation's endpoint override, for engines whose endpoints do not resolve from here.</param>
internal sealed partial class NpgsqlMarkerProof(MarkerProofOptions options, EndpointOverride? restoredAt, ILogger<NpgsqlMarkerProof> logger) : IMarkerProof
{
    public const string BeforeName = "marker before the target";
    public const string AfterName = "marker after the target";

    private const string Present = "present";
    private const string Absent = "absent";

    public async ValueTask<DrillMarker> WriteAsync(string recoveryId, MarkerRole role, DateTimeOffset? after, CancellationToken cancellationToken)
    {
        var value = $"{recoveryId}-{RoleName(role)}-{Guid.NewGuid():N}";
        try
        {
            await using var connection = await OpenAsync(options.MarkerConnection!, cancellationToken);
            await ExecuteAsync(connection,
                $"create table if not exists {options.MarkerTable} (value text primary key, recovery_id text not null, role text not null, written_at timestamptz not null default clock_timestamp())",
                cancellationToken);
            if (after is { } instant)
            {
                // The source's clock, not ours: its commit timestamps are what the restore compares with the target.
                await using var wait = Command(connection, "select pg_sleep(greatest(0, extract(epoch from ($1 - clock_timestamp())) + 0.001))");
                wait.CommandTimeout = options.StatementTimeoutSeconds + 5;
                wait.Parameters.Add(new() { Value = instant });
                await wait.ExecuteNonQueryAsync(cancellationToken);
            }

            await using (var insert = Command(connection, $"insert into {options.MarkerTable} (value, recovery_id, role) values ($1, $2, $3)"))
            {
                insert.Parameters.Add(new() { Value = value });
                insert.Parameters.Add(new() { Value = recoveryId });
                insert.Parameters.Add(new() { Value = RoleName(role) });
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }

            // A statement of its own, after the commit: the fallback clock reading is later than the commit.
            await using var committed = Command(connection,
                $"select coalesce(case when current_setting('track_commit_timestamp')::bool then pg_xact_commit_timestamp(xmin) end, clock_timestamp()) from {options.MarkerTable} where value = $1");
            committed.Parameters.Add(new() { Value = value });
            var at = (DateTime)(await committed.ExecuteScalarAsync(cancellationToken))!;
            LogWritten(recoveryId, role);
            return new DrillMarker(value, role, new DateTimeOffset(at, TimeSpan.Zero));
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            throw new MarkerProofException(Describe(e), e);
        }
    }

    public async ValueTask<bool> SwitchWalAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await OpenAsync(options.MarkerConnection!, cancellationToken);
            await ExecuteAsync(connection, "select pg_switch_wal()", cancellationToken);
            return true;
        }
        catch (PostgresException e)
        {
            // Managed servers (Aurora) and unprivileged users may not switch: the archive then takes its usual time.
            LogNoSwitch(e.SqlState);
            return false;
        }
    }

    public async ValueTask<IReadOnlyList<CheckResult>> VerifyAsync(string recoveryId, DatabaseEndpoint restored, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        IReadOnlyList<(string Value, string Role)> written;
        try
        {
            await using var source = await OpenAsync(options.MarkerConnection!, cancellationToken);
            written = await MarkersAsync(source, recoveryId, cancellationToken);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            return [new CheckResult(BeforeName, false, $"the source's markers cannot be read: {Describe(e)}", Present, Stopwatch.GetElapsedTime(started))];
        }

        if (written.Count == 0)
        {
            return [new CheckResult(BeforeName, false, $"the source holds no marker of this drill in {options.MarkerTable}", Present, Stopwatch.GetElapsedTime(started))];
        }

        HashSet<string> found;
        try
        {
            await using var copy = await OpenAsync(AtRestore(restored), cancellationToken);
            found = [.. (await MarkersAsync(copy, recoveryId, cancellationToken)).Select(m => m.Value)];
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            found = [];
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            return [.. written.Select(m => new CheckResult(NameOf(m.Role), false, $"error: {Describe(e)}", Expected(m.Role), Stopwatch.GetElapsedTime(started)))];
        }

        return [.. written
            .OrderBy(m => m.Role == RoleName(MarkerRole.AfterTarget))
            .Select(m => (m.Role, Observed: found.Contains(m.Value) ? Present : Absent))
            .Select(m => new CheckResult(NameOf(m.Role), m.Observed == Expected(m.Role), m.Observed, Expected(m.Role), Stopwatch.GetElapsedTime(started)))];
    }

    private async Task<IReadOnlyList<(string Value, string Role)>> MarkersAsync(NpgsqlConnection connection, string recoveryId, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, $"select value, role from {options.MarkerTable} where recovery_id = $1");
        command.Parameters.Add(new() { Value = recoveryId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var markers = new List<(string, string)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            markers.Add((reader.GetString(0), reader.GetString(1)));
        }

        return markers;
    }

    private string AtRestore(DatabaseEndpoint restored) => new NpgsqlConnectionStringBuilder(options.MarkerConnection)
    {
        Host = restoredAt?.Host ?? restored.Host,
        Port = restoredAt?.Port ?? restored.Port,
        Pooling = false,
    }.ConnectionString;

    private static async Task<NpgsqlConnection> OpenAsync(string connectionString, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { ApplicationName = "pitr-drill-marker", Pooling = false }.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private NpgsqlCommand Command(NpgsqlConnection connection, string sql) => new(sql, connection) { CommandTimeout = options.StatementTimeoutSeconds };

    private async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, sql);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string RoleName(MarkerRole role) => role == MarkerRole.BeforeTarget ? "before" : "after";

    private static string NameOf(string role) => role == RoleName(MarkerRole.BeforeTarget) ? BeforeName : AfterName;

    private static string Expected(string role) => role == RoleName(MarkerRole.BeforeTarget) ? Present : Absent;

    /// <summary>The server's own words (they never carry the connection string); a bare type name otherwise.</summary>
    private static string Describe(Exception e) => e switch
    {
        PostgresException p => $"{p.SqlState}: {p.MessageText}",
        NpgsqlException { InnerException: { } inner } => inner.Message,
        _ => e.GetType().Name,
    };

    [LoggerMessage(LogLevel.Information, "Drill {RecoveryId}: marker {Role} written on the source")]
    private partial void LogWritten(string recoveryId, MarkerRole role);

    [LoggerMessage(LogLevel.Warning, "The source did not switch its WAL segment ({SqlState}); the drill waits for the archive to reach its markers")]
    private partial void LogNoSwitch(string sqlState);
}
