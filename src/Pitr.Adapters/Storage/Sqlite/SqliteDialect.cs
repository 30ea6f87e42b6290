using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Pitr.Adapters.Storage.Sqlite;

/// <summary>The embedded store: one file, one bot replica.</summary>
internal sealed class SqliteDialect : ISqlDialect
{
    private const string Schema = """
        PRAGMA journal_mode = WAL;
        CREATE TABLE IF NOT EXISTS pitr_recoveries (
            id           TEXT PRIMARY KEY,
            database     TEXT NOT NULL,
            state        TEXT NOT NULL,
            version      INTEGER NOT NULL,
            active       INTEGER NOT NULL,
            open         INTEGER NOT NULL,
            requested_at TEXT NOT NULL,
            document     TEXT NOT NULL);
        CREATE UNIQUE INDEX IF NOT EXISTS pitr_one_active_recovery_per_database ON pitr_recoveries(database) WHERE active;
        CREATE INDEX IF NOT EXISTS pitr_open_recoveries ON pitr_recoveries(open) WHERE open;
        CREATE TABLE IF NOT EXISTS pitr_audit (
            seq         INTEGER PRIMARY KEY AUTOINCREMENT,
            recovery_id TEXT NOT NULL,
            at          TEXT NOT NULL,
            actor_id    TEXT NOT NULL,
            actor_name  TEXT NOT NULL,
            action      TEXT NOT NULL,
            from_state  TEXT NOT NULL,
            to_state    TEXT NOT NULL,
            detail      TEXT NOT NULL,
            event       TEXT);
        CREATE INDEX IF NOT EXISTS pitr_audit_by_recovery ON pitr_audit(recovery_id, seq);
        CREATE TRIGGER IF NOT EXISTS pitr_audit_no_update BEFORE UPDATE ON pitr_audit
            BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
        CREATE TRIGGER IF NOT EXISTS pitr_audit_no_delete BEFORE DELETE ON pitr_audit
            BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
        CREATE TABLE IF NOT EXISTS pitr_threads (
            recovery_id TEXT NOT NULL,
            channel     TEXT NOT NULL,
            document    TEXT NOT NULL,
            PRIMARY KEY (recovery_id, channel));
        """;

    // Stores made before audit entries carried typed events lack the column; their rows read as legacy entries.
    private const string TypedEvents = """
        SELECT COUNT(*) FROM pragma_table_info('pitr_audit') WHERE name = 'event'
        """;

    public static DbDataSource DataSource(SqliteStoreOptions options) =>
        SqliteFactory.Instance.CreateDataSource(new SqliteConnectionStringBuilder
        {
            DataSource = options.Path,
            DefaultTimeout = 30,
            Pooling = true,
        }.ToString());

    public async Task CreateSchemaAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(Schema, cancellationToken);
        await using var probe = connection.CreateCommand();
        probe.CommandText = TypedEvents;
        if (Convert.ToInt64(await probe.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) == 0)
        {
            await connection.ExecuteAsync("ALTER TABLE pitr_audit ADD COLUMN event TEXT", cancellationToken);
        }
    }

    public bool IsUniqueViolation(DbException exception) =>
        exception is SqliteException { SqliteErrorCode: 19 /* SQLITE_CONSTRAINT */ };
}
