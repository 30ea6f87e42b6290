using Npgsql;
using Pitr.Domain.Ports;

namespace Pitr.Adapters.Storage.Postgres;

/// <summary>
/// One session-level advisory lock per recovery, held on its own connection for as long as the step
/// runs. If the holder dies its connection closes and PostgreSQL releases the lock: no lease to expire.
/// </summary>
internal sealed class PostgresRecoveryLeases(NpgsqlDataSource dataSource) : IRecoveryLeases
{
    private const int LockSpace = 7031;

    public async ValueTask<IAsyncDisposable?> TryAcquireAsync(string recoveryId, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var acquire = new NpgsqlCommand("SELECT pg_try_advisory_lock(@space, hashtext(@id))", connection);
            acquire.Parameters.AddWithValue("space", LockSpace);
            acquire.Parameters.AddWithValue("id", recoveryId);
            if (await acquire.ExecuteScalarAsync(cancellationToken) is true)
            {
                return new Lease(connection, recoveryId);
            }
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        await connection.DisposeAsync();
        return null;
    }

    private sealed class Lease(NpgsqlConnection connection, string recoveryId) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await using var release = new NpgsqlCommand("SELECT pg_advisory_unlock(@space, hashtext(@id))", connection);
                release.Parameters.AddWithValue("space", LockSpace);
                release.Parameters.AddWithValue("id", recoveryId);
                await release.ExecuteScalarAsync();
            }
            finally
            {
                await connection.DisposeAsync();
            }
        }
    }
}
