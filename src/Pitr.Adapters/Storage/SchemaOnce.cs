using System.Data.Common;

namespace Pitr.Adapters.Storage;

/// <summary>Opens connections to a store's database, creating its schema on the first one this process opens.</summary>
internal sealed class SchemaOnce(DbDataSource dataSource, Func<DbConnection, CancellationToken, Task> createSchema) : IDisposable
{
    private readonly SemaphoreSlim schemaLock = new(1, 1);
    private bool schemaReady;

    public void Dispose() => schemaLock.Dispose();

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        if (!schemaReady)
        {
            await schemaLock.WaitAsync(cancellationToken);
            try
            {
                if (!schemaReady)
                {
                    await createSchema(connection, cancellationToken);
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
