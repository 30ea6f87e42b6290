using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Pitr.Domain.Ports;
using Pitr.Domain.Recoveries;

namespace Pitr.Adapters.Storage;

/// <summary>
/// The embedded store: one row per recovery holding its document, plus an append-only audit table.
/// A partial unique index keeps at most one active recovery per database; the version column gives
/// optimistic concurrency.
/// </summary>
internal sealed class SqliteRecoveryStore(IOptions<SqliteStoreOptions> options) : IRecoveryStore, IDisposable
{
    private const string Schema = """
        PRAGMA journal_mode = WAL;
        CREATE TABLE IF NOT EXISTS recoveries (
            id           TEXT PRIMARY KEY,
            database     TEXT NOT NULL,
            state        TEXT NOT NULL,
            version      INTEGER NOT NULL,
            active       INTEGER NOT NULL,
            open         INTEGER NOT NULL,
            requested_at TEXT NOT NULL,
            document     TEXT NOT NULL);
        CREATE UNIQUE INDEX IF NOT EXISTS one_active_recovery_per_database ON recoveries(database) WHERE active = 1;
        CREATE INDEX IF NOT EXISTS open_recoveries ON recoveries(open) WHERE open = 1;
        CREATE TABLE IF NOT EXISTS audit (
            seq         INTEGER PRIMARY KEY AUTOINCREMENT,
            recovery_id TEXT NOT NULL,
            at          TEXT NOT NULL,
            actor_id    TEXT NOT NULL,
            actor_name  TEXT NOT NULL,
            action      TEXT NOT NULL,
            from_state  TEXT NOT NULL,
            to_state    TEXT NOT NULL,
            detail      TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS audit_by_recovery ON audit(recovery_id, seq);
        CREATE TRIGGER IF NOT EXISTS audit_is_append_only_update BEFORE UPDATE ON audit
            BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
        CREATE TRIGGER IF NOT EXISTS audit_is_append_only_delete BEFORE DELETE ON audit
            BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
        """;

    private readonly string connectionString = new SqliteConnectionStringBuilder
    {
        DataSource = options.Value.Path,
        DefaultTimeout = 30,
        Pooling = true,
    }.ToString();

    private readonly SemaphoreSlim schemaLock = new(1, 1);
    private bool schemaReady;

    public void Dispose() => schemaLock.Dispose();

    public async ValueTask AddAsync(RecoverySnapshot recovery, IReadOnlyList<AuditEntry> audit, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var insert = Command(connection, transaction, """
            INSERT INTO recoveries (id, database, state, version, active, open, requested_at, document)
            VALUES ($id, $database, $state, $version, $active, $open, $requested_at, $document)
            """, recovery);
        try
        {
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (SqliteException e) when (e.SqliteErrorCode == 19 /* SQLITE_CONSTRAINT */)
        {
            var active = await FindActiveAsync(connection, transaction, recovery.Database, cancellationToken);
            throw new RecoveryAlreadyActiveException(recovery.Database, active?.Id ?? "(unknown)");
        }

        await AppendAsync(connection, transaction, audit, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async ValueTask SaveAsync(RecoverySnapshot recovery, IReadOnlyList<AuditEntry> audit, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var update = Command(connection, transaction, """
            UPDATE recoveries
            SET state = $state, version = $version, active = $active, open = $open, document = $document
            WHERE id = $id AND version = $version - 1
            """, recovery);
        if (await update.ExecuteNonQueryAsync(cancellationToken) != 1)
        {
            throw new ConcurrencyConflictException(recovery.Id);
        }

        await AppendAsync(connection, transaction, audit, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async ValueTask<RecoverySnapshot?> FindAsync(string id, CancellationToken cancellationToken)
    {
        var found = await QueryAsync("SELECT document FROM recoveries WHERE id = $p", id, cancellationToken);
        return found.SingleOrDefault();
    }

    public async ValueTask<RecoverySnapshot?> FindActiveAsync(string database, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await FindActiveAsync(connection, null, database, cancellationToken);
    }

    public async ValueTask<IReadOnlyList<RecoverySnapshot>> ListOpenAsync(CancellationToken cancellationToken) =>
        await QueryAsync("SELECT document FROM recoveries WHERE open = 1 ORDER BY requested_at", null, cancellationToken);

    public async ValueTask<IReadOnlyList<RecoverySnapshot>> ListRecentAsync(string? database, int limit, CancellationToken cancellationToken)
    {
        var sql = database is null
            ? $"SELECT document FROM recoveries ORDER BY requested_at DESC LIMIT {limit}"
            : $"SELECT document FROM recoveries WHERE database = $p ORDER BY requested_at DESC LIMIT {limit}";
        return await QueryAsync(sql, database, cancellationToken);
    }

    public async ValueTask AppendAuditAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await AppendAsync(connection, transaction, [entry], cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async ValueTask<IReadOnlyList<AuditEntry>> GetAuditTrailAsync(string recoveryId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var select = connection.CreateCommand();
        select.CommandText = """
            SELECT at, actor_id, actor_name, action, from_state, to_state, detail
            FROM audit WHERE recovery_id = $id ORDER BY seq
            """;
        select.Parameters.AddWithValue("$id", recoveryId);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        var entries = new List<AuditEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new AuditEntry(
                recoveryId,
                DateTimeOffset.Parse(reader.GetString(0), System.Globalization.CultureInfo.InvariantCulture),
                new Actor(reader.GetString(1), reader.GetString(2)),
                reader.GetString(3),
                Enum.Parse<RecoveryState>(reader.GetString(4)),
                Enum.Parse<RecoveryState>(reader.GetString(5)),
                reader.GetString(6)));
        }

        return entries;
    }

    private static async Task<RecoverySnapshot?> FindActiveAsync(SqliteConnection connection, SqliteTransaction? transaction, string database, CancellationToken cancellationToken)
    {
        await using var select = connection.CreateCommand();
        select.Transaction = transaction;
        select.CommandText = "SELECT document FROM recoveries WHERE database = $p AND active = 1";
        select.Parameters.AddWithValue("$p", database);
        return await select.ExecuteScalarAsync(cancellationToken) is string json ? SnapshotJson.Deserialize(json) : null;
    }

    private async Task<IReadOnlyList<RecoverySnapshot>> QueryAsync(string sql, string? parameter, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var select = connection.CreateCommand();
        select.CommandText = sql;
        if (parameter is not null)
        {
            select.Parameters.AddWithValue("$p", parameter);
        }

        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        var found = new List<RecoverySnapshot>();
        while (await reader.ReadAsync(cancellationToken))
        {
            found.Add(SnapshotJson.Deserialize(reader.GetString(0)));
        }

        return found;
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql, RecoverySnapshot recovery)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.Parameters.AddWithValue("$id", recovery.Id);
        command.Parameters.AddWithValue("$database", recovery.Database);
        command.Parameters.AddWithValue("$state", recovery.State.ToString());
        command.Parameters.AddWithValue("$version", recovery.Version);
        command.Parameters.AddWithValue("$active", RecoveryStates.BlocksNewRecovery(recovery.State) ? 1 : 0);
        command.Parameters.AddWithValue("$open", recovery.IsOpen() ? 1 : 0);
        command.Parameters.AddWithValue("$requested_at", recovery.RequestedAt.ToUniversalTime().ToString("O"));
        command.Parameters.AddWithValue("$document", SnapshotJson.Serialize(recovery));
        return command;
    }

    private static async Task AppendAsync(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken)
    {
        foreach (var entry in entries)
        {
            await using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT INTO audit (recovery_id, at, actor_id, actor_name, action, from_state, to_state, detail)
                VALUES ($recovery_id, $at, $actor_id, $actor_name, $action, $from_state, $to_state, $detail)
                """;
            insert.Parameters.AddWithValue("$recovery_id", entry.RecoveryId);
            insert.Parameters.AddWithValue("$at", entry.At.ToUniversalTime().ToString("O"));
            insert.Parameters.AddWithValue("$actor_id", entry.Actor.Id);
            insert.Parameters.AddWithValue("$actor_name", entry.Actor.Name);
            insert.Parameters.AddWithValue("$action", entry.Action);
            insert.Parameters.AddWithValue("$from_state", entry.From.ToString());
            insert.Parameters.AddWithValue("$to_state", entry.To.ToString());
            insert.Parameters.AddWithValue("$detail", entry.Detail);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        if (!schemaReady)
        {
            await schemaLock.WaitAsync(cancellationToken);
            try
            {
                if (!schemaReady)
                {
                    await using var create = connection.CreateCommand();
                    create.CommandText = Schema;
                    await create.ExecuteNonQueryAsync(cancellationToken);
                    schemaReady = true;
                }
            }
            finally
            {
                schemaLock.Release();
            }
        }

        return connection;
    }
}
