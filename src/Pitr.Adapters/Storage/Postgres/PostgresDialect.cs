using System.Data.Common;
using Npgsql;

namespace Pitr.Adapters.Storage.Postgres;

/// <summary>The shared store for several bot replicas.</summary>
internal sealed class PostgresDialect : ISqlDialect
{
    // Replicas starting together would race on CREATE ... IF NOT EXISTS; a transaction-scoped advisory lock serialises them.
    private const string Schema = """
        BEGIN;
        SELECT pg_advisory_xact_lock(7031, 0);
        CREATE TABLE IF NOT EXISTS pitr_recoveries (
            id           text PRIMARY KEY,
            database     text NOT NULL,
            state        text NOT NULL,
            version      integer NOT NULL,
            active       boolean NOT NULL,
            open         boolean NOT NULL,
            requested_at text NOT NULL,
            document     text NOT NULL);
        CREATE UNIQUE INDEX IF NOT EXISTS pitr_one_active_recovery_per_database ON pitr_recoveries(database) WHERE active;
        CREATE INDEX IF NOT EXISTS pitr_open_recoveries ON pitr_recoveries(open) WHERE open;
        CREATE TABLE IF NOT EXISTS pitr_audit (
            seq         bigserial PRIMARY KEY,
            recovery_id text NOT NULL,
            at          text NOT NULL,
            actor_id    text NOT NULL,
            actor_name  text NOT NULL,
            action      text NOT NULL,
            from_state  text NOT NULL,
            to_state    text NOT NULL,
            detail      text NOT NULL);
        ALTER TABLE pitr_audit ADD COLUMN IF NOT EXISTS event text;
        CREATE INDEX IF NOT EXISTS pitr_audit_by_recovery ON pitr_audit(recovery_id, seq);
        CREATE TABLE IF NOT EXISTS pitr_threads (
            recovery_id text NOT NULL,
            channel     text NOT NULL,
            document    text NOT NULL,
            PRIMARY KEY (recovery_id, channel));
        CREATE OR REPLACE FUNCTION pitr_audit_is_append_only() RETURNS trigger LANGUAGE plpgsql AS
            $$ BEGIN RAISE EXCEPTION 'the audit trail is append-only'; END $$;
        CREATE OR REPLACE TRIGGER pitr_audit_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON pitr_audit
            FOR EACH STATEMENT EXECUTE FUNCTION pitr_audit_is_append_only();
        COMMIT;
        """;

    public Task CreateSchemaAsync(DbConnection connection, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(Schema, cancellationToken);

    public bool IsUniqueViolation(DbException exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };
}
