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

    protected override IRecoveryStore Open() => OpenFile(path);

    protected override async Task ExecuteRawAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={path}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
