using Microsoft.Data.Sqlite;
using Pitr.Adapters.Storage;
using Pitr.Adapters.Storage.Sqlite;
using Pitr.Domain.Ports;

namespace Pitr.Adapters.Tests.Storage;

public sealed class SqliteRecoveryStoreTests : RecoveryStoreContract, IDisposable
{
    private readonly string path = Path.Combine(Path.GetTempPath(), $"pitr-store-{Guid.NewGuid():N}.db");

    public static IRecoveryStore OpenFile(string path) =>
        new SqlRecoveryStore(SqliteDialect.DataSource(new SqliteStoreOptions { Path = path }), new SqliteDialect());

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(file);
        }
    }

    protected override string PreviousAuditSchema => """
        CREATE TABLE pitr_audit (
            seq         INTEGER PRIMARY KEY AUTOINCREMENT,
            recovery_id TEXT NOT NULL,
            at          TEXT NOT NULL,
            actor_id    TEXT NOT NULL,
            actor_name  TEXT NOT NULL,
            action      TEXT NOT NULL,
            from_state  TEXT NOT NULL,
            to_state    TEXT NOT NULL,
            detail      TEXT NOT NULL);
        CREATE INDEX pitr_audit_by_recovery ON pitr_audit(recovery_id, seq);
        CREATE TRIGGER pitr_audit_no_update BEFORE UPDATE ON pitr_audit
            BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
        CREATE TRIGGER pitr_audit_no_delete BEFORE DELETE ON pitr_audit
            BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
        """;

    protected override IRecoveryStore Open() => OpenFile(path);

    protected override IThreadLog OpenThreads() =>
        new SqlThreadLog(SqliteDialect.DataSource(new SqliteStoreOptions { Path = path }), new SqliteDialect(), new LocalRecoveryLeases());

    protected override async Task ExecuteRawAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={path}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    protected override async Task<long> CountRawAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={path}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
