using System.Data.Common;
using System.Globalization;
using Pitr.Domain.Ports;
using Pitr.Domain.Recoveries;
using Pitr.Domain.Recoveries.Events;

namespace Pitr.Adapters.Storage;

/// <summary>
/// The recovery store in a SQL database: one row per recovery holding its document, plus an
/// append-only audit table. A partial unique index keeps at most one active recovery per database;
/// the version column gives optimistic concurrency.
/// </summary>
internal sealed class SqlRecoveryStore(DbDataSource dataSource, ISqlDialect dialect) : IRecoveryStore, IDisposable
{
    private readonly SchemaOnce connections = new(dataSource, dialect.CreateSchemaAsync);

    public void Dispose() => connections.Dispose();

    public async ValueTask AddAsync(RecoverySnapshot recovery, IReadOnlyList<AuditEntry> audit, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var insert = RecoveryCommand(connection, transaction, """
            INSERT INTO pitr_recoveries (id, database, state, version, active, open, requested_at, document)
            VALUES (@id, @database, @state, @version, @active, @open, @requested_at, @document)
            """, recovery);
        try
        {
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (DbException e) when (dialect.IsUniqueViolation(e))
        {
            await transaction.RollbackAsync(cancellationToken);
            var active = await FindActiveAsync(recovery.Database, cancellationToken);
            throw new RecoveryAlreadyActiveException(recovery.Database, active?.Id ?? "(unknown)");
        }

        await AppendAsync(connection, transaction, audit, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async ValueTask SaveAsync(RecoverySnapshot recovery, IReadOnlyList<AuditEntry> audit, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var update = RecoveryCommand(connection, transaction, """
            UPDATE pitr_recoveries
            SET state = @state, version = @version, active = @active, open = @open, document = @document
            WHERE id = @id AND version = @version - 1
            """, recovery);
        if (await update.ExecuteNonQueryAsync(cancellationToken) != 1)
        {
            throw new ConcurrencyConflictException(recovery.Id);
        }

        await AppendAsync(connection, transaction, audit, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        RecoveryMetrics.Saved(recovery, audit);
    }

    public async ValueTask<RecoverySnapshot?> FindAsync(string id, CancellationToken cancellationToken) =>
        (await QueryAsync("SELECT document FROM pitr_recoveries WHERE id = @p", id, cancellationToken)).SingleOrDefault();

    public async ValueTask<RecoverySnapshot?> FindActiveAsync(string database, CancellationToken cancellationToken) =>
        (await QueryAsync("SELECT document FROM pitr_recoveries WHERE database = @p AND active", database, cancellationToken)).SingleOrDefault();

    public async ValueTask<IReadOnlyList<RecoverySnapshot>> ListOpenAsync(CancellationToken cancellationToken)
    {
        var open = await QueryAsync("SELECT document FROM pitr_recoveries WHERE open ORDER BY requested_at", null, cancellationToken);
        RecoveryMetrics.Listed(open);
        return open;
    }

    public async ValueTask<IReadOnlyList<RecoverySnapshot>> ListRecentAsync(string? database, int limit, CancellationToken cancellationToken)
    {
        var where = database is null ? "" : "WHERE database = @p";
        return await QueryAsync($"SELECT document FROM pitr_recoveries {where} ORDER BY requested_at DESC LIMIT {limit.ToString(CultureInfo.InvariantCulture)}", database, cancellationToken);
    }

    public async ValueTask AppendAuditAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await AppendAsync(connection, transaction, [entry], cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async ValueTask<IReadOnlyList<AuditEntry>> GetAuditTrailAsync(string recoveryId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var select = connection.CreateCommand();
        select.CommandText = """
            SELECT seq, at, actor_id, actor_name, action, from_state, to_state, detail, event
            FROM pitr_audit WHERE recovery_id = @id ORDER BY seq
            """;
        select.AddParameter("@id", recoveryId);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        var entries = new List<AuditEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            // Rows from before events were typed have no event: their action and detail are kept as they were.
            var happened = reader.IsDBNull(8) ? new LegacyEntry(reader.GetString(4), reader.GetString(7)) : StoreJson.DeserializeEvent(reader.GetString(8));
            entries.Add(new AuditEntry(
                recoveryId,
                DateTimeOffset.Parse(reader.GetString(1), CultureInfo.InvariantCulture),
                new Actor(reader.GetString(2), reader.GetString(3)),
                Enum.Parse<RecoveryState>(reader.GetString(5)),
                Enum.Parse<RecoveryState>(reader.GetString(6)),
                happened) { Seq = reader.GetInt64(0) });
        }

        return entries;
    }

    private async Task<IReadOnlyList<RecoverySnapshot>> QueryAsync(string sql, string? parameter, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var select = connection.CreateCommand();
        select.CommandText = sql;
        if (parameter is not null)
        {
            select.AddParameter("@p", parameter);
        }

        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        var found = new List<RecoverySnapshot>();
        while (await reader.ReadAsync(cancellationToken))
        {
            found.Add(StoreJson.Deserialize(reader.GetString(0)));
        }

        return found;
    }

    private static DbCommand RecoveryCommand(DbConnection connection, DbTransaction transaction, string sql, RecoverySnapshot recovery)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.AddParameter("@id", recovery.Id);
        command.AddParameter("@database", recovery.Database);
        command.AddParameter("@state", recovery.State.ToString());
        command.AddParameter("@version", recovery.Version);
        command.AddParameter("@active", RecoveryStates.BlocksNewRecovery(recovery.State));
        command.AddParameter("@open", recovery.IsOpen());
        command.AddParameter("@requested_at", Timestamp(recovery.RequestedAt));
        command.AddParameter("@document", StoreJson.Serialize(recovery));
        return command;
    }

    private static async Task AppendAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken)
    {
        foreach (var entry in entries)
        {
            await using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT INTO pitr_audit (recovery_id, at, actor_id, actor_name, action, from_state, to_state, detail, event)
                VALUES (@recovery_id, @at, @actor_id, @actor_name, @action, @from_state, @to_state, '', @event)
                """;
            insert.AddParameter("@recovery_id", entry.RecoveryId);
            insert.AddParameter("@at", Timestamp(entry.At));
            insert.AddParameter("@actor_id", entry.Actor.Id);
            insert.AddParameter("@actor_name", entry.Actor.Name);
            insert.AddParameter("@action", StoreJson.KindOf(entry.Event));
            insert.AddParameter("@from_state", entry.From.ToString());
            insert.AddParameter("@to_state", entry.To.ToString());
            insert.AddParameter("@event", StoreJson.Serialize(entry.Event));
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>ISO-8601 in UTC: sorts as text in every dialect.</summary>
    private static string Timestamp(DateTimeOffset time) => time.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);
}
