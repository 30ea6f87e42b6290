using Npgsql;
using Pitr.Adapters.Storage;
using Pitr.Adapters.Storage.Postgres;
using Pitr.Adapters.Tests.Support;
using Pitr.Domain.Ports;

namespace Pitr.Adapters.Tests.Storage;

/// <summary>The same contract on a real PostgreSQL server, each test in a database of its own.</summary>
public sealed class PostgresRecoveryStoreTests(PostgresFixture postgres) : RecoveryStoreContract, IClassFixture<PostgresFixture>, IAsyncLifetime
{
    private readonly string database = $"store_{Guid.NewGuid():N}";

    public async ValueTask InitializeAsync() => await postgres.Postgres.ScalarAsync($"CREATE DATABASE {database}");

    public ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        return ValueTask.CompletedTask;
    }

    protected override IRecoveryStore Open() =>
        new SqlRecoveryStore(NpgsqlDataSource.Create(postgres.ConnectionString(database)), new PostgresDialect());

    protected override async Task ExecuteRawAsync(string sql) => await postgres.Postgres.ScalarAsync(sql, database);
}
