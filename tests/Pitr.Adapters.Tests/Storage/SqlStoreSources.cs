using System.Data.Common;
using Npgsql;
using Pitr.Adapters.Storage.Sqlite;
using Pitr.Adapters.Tests.Support;

namespace Pitr.Adapters.Tests.Storage;

/// <summary>A fresh store of either kind for one test: a SQLite file of its own, or a new database on the fixture's server.</summary>
internal sealed class SqlStoreSources(PostgresFixture postgres, string prefix) : IDisposable
{
    private readonly string sqlite = Path.Combine(Path.GetTempPath(), $"pitr-{prefix}-{Guid.NewGuid():N}.db");

    public async Task<DbDataSource> OpenAsync(string store)
    {
        if (store == "sqlite")
        {
            return SqliteDialect.DataSource(new SqliteStoreOptions { Path = sqlite });
        }

        var database = $"{prefix}_{Guid.NewGuid():N}";
        await postgres.Postgres.ScalarAsync($"CREATE DATABASE {database}");
        return NpgsqlDataSource.Create(postgres.ConnectionString(database));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        NpgsqlConnection.ClearAllPools();
        File.Delete(sqlite);
    }
}
