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

    protected override string PreviousAuditSchema => """
        CREATE TABLE pitr_audit (
            seq         bigserial PRIMARY KEY,
            recovery_id text NOT NULL,
            at          text NOT NULL,
            actor_id    text NOT NULL,
            actor_name  text NOT NULL,
            action      text NOT NULL,
            from_state  text NOT NULL,
            to_state    text NOT NULL,
            detail      text NOT NULL);
        CREATE INDEX pitr_audit_by_recovery ON pitr_audit(recovery_id, seq);
        CREATE FUNCTION pitr_audit_is_append_only() RETURNS trigger LANGUAGE plpgsql AS
            $$ BEGIN RAISE EXCEPTION 'the audit trail is append-only'; END $$;
        CREATE TRIGGER pitr_audit_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON pitr_audit
            FOR EACH STATEMENT EXECUTE FUNCTION pitr_audit_is_append_only();
        """;

    protected override IRecoveryStore Open() =>
        new SqlRecoveryStore(NpgsqlDataSource.Create(postgres.ConnectionString(database)), new PostgresDialect());

    protected override IThreadLog OpenThreads()
    {
        var source = NpgsqlDataSource.Create(postgres.ConnectionString(database));
        return new SqlThreadLog(source, new PostgresDialect(), new PostgresRecoveryLeases(source));
    }

    protected override async Task ExecuteRawAsync(string sql) => await postgres.Postgres.ScalarAsync(sql, database);

    protected override async Task<long> CountRawAsync(string sql) =>
        Convert.ToInt64(await postgres.Postgres.ScalarAsync(sql, database), System.Globalization.CultureInfo.InvariantCulture);
}
