using System.Data.Common;
using Pitr.Domain.Ports;

namespace Pitr.Adapters.Storage;

/// <summary>
/// Each incident channel's thread of each recovery, next to the recoveries (same schema, same database).
/// A thread is claimed with the store's leases under a key of its own, apart from the recovery's, so telling
/// the thread never waits for a long step.
/// </summary>
internal sealed class SqlThreadLog(DbDataSource dataSource, ISqlDialect dialect, IRecoveryLeases leases) : IThreadLog, IDisposable
{
    private readonly SchemaOnce connections = new(dataSource, dialect.CreateSchemaAsync);

    public void Dispose() => connections.Dispose();

    public async ValueTask<RecoveryThread?> FindAsync(string recoveryId, string channel, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var select = connection.CreateCommand();
        select.CommandText = "SELECT document FROM pitr_threads WHERE recovery_id = @id AND channel = @channel";
        select.AddParameter("@id", recoveryId);
        select.AddParameter("@channel", channel);
        return await select.ExecuteScalarAsync(cancellationToken) is string document ? StoreJson.DeserializeThread(document) : null;
    }

    public ValueTask<IAsyncDisposable?> TryClaimAsync(string recoveryId, string channel, CancellationToken cancellationToken) =>
        leases.TryAcquireAsync($"thread:{channel}:{recoveryId}", cancellationToken);

    public async ValueTask SaveAsync(RecoveryThread thread, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var upsert = connection.CreateCommand();
        upsert.CommandText = """
            INSERT INTO pitr_threads (recovery_id, channel, document) VALUES (@id, @channel, @document)
            ON CONFLICT (recovery_id, channel) DO UPDATE SET document = excluded.document
            """;
        upsert.AddParameter("@id", thread.RecoveryId);
        upsert.AddParameter("@channel", thread.Channel);
        upsert.AddParameter("@document", StoreJson.Serialize(thread));
        await upsert.ExecuteNonQueryAsync(cancellationToken);
    }
}
