using Npgsql;
using Pitr.Adapters.Storage.Postgres;
using Pitr.Adapters.Tests.Support;

namespace Pitr.Adapters.Tests.Storage;

public sealed class PostgresRecoveryLeasesTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task Grants_a_recovery_to_one_holder_at_a_time()
    {
        await using var replicaA = NpgsqlDataSource.Create(postgres.ConnectionString());
        await using var replicaB = NpgsqlDataSource.Create(postgres.ConnectionString());
        var a = new PostgresRecoveryLeases(replicaA);
        var b = new PostgresRecoveryLeases(replicaB);

        var held = await a.TryAcquireAsync("r1", CancellationToken.None);
        var refused = await b.TryAcquireAsync("r1", CancellationToken.None);
        var other = await b.TryAcquireAsync("r2", CancellationToken.None);

        Assert.NotNull(held);
        Assert.Null(refused);
        Assert.NotNull(other);
        await held.DisposeAsync();
        await other.DisposeAsync();
        var afterRelease = await b.TryAcquireAsync("r1", CancellationToken.None);
        Assert.NotNull(afterRelease);
        await afterRelease.DisposeAsync();
    }

    [Fact]
    public async Task Frees_the_lease_when_the_holder_dies()
    {
        await using var replicaB = NpgsqlDataSource.Create(postgres.ConnectionString());
        var b = new PostgresRecoveryLeases(replicaB);
        await using (var dying = NpgsqlDataSource.Create(postgres.ConnectionString() + ";Pooling=false"))
        {
            var held = await new PostgresRecoveryLeases(dying).TryAcquireAsync("r3", CancellationToken.None);
            Assert.NotNull(held);
            Assert.Null(await b.TryAcquireAsync("r3", CancellationToken.None));
            // The timeout form waits until the backend is gone, so its locks are released on return.
            await postgres.Postgres.ScalarAsync(
                "SELECT pg_terminate_backend(pid, 10000) FROM pg_locks WHERE locktype = 'advisory' AND classid = 7031 AND pid <> pg_backend_pid()");
        }

        var taken = await b.TryAcquireAsync("r3", CancellationToken.None);

        Assert.NotNull(taken);
        await taken.DisposeAsync();
    }
}
