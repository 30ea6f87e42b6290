using System.Data.Common;
using Pitr.Domain.Ports;

namespace Pitr.Adapters.Storage;

/// <summary>
/// Claimed due times of scheduled drills, next to the recoveries (SQLite or PostgreSQL: the statements are
/// common to both). The primary key makes a claim an insert that only one replica wins.
/// </summary>
internal sealed class SqlDrillClaims(DbDataSource dataSource) : IDrillClaims, IDisposable
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS pitr_drill_claims (
            database   TEXT NOT NULL,
            due_at     TEXT NOT NULL,
            claimed_at TEXT NOT NULL,
            PRIMARY KEY (database, due_at))
        """;

    private readonly SchemaOnce connections = new(dataSource, CreateSchemaAsync);

    public void Dispose() => connections.Dispose();

    public async ValueTask<bool> TryClaimAsync(string database, DateTimeOffset due, DateTimeOffset at, CancellationToken cancellationToken) =>
        await ExecuteAsync("""
            INSERT INTO pitr_drill_claims (database, due_at, claimed_at) VALUES (@database, @due, @at)
            ON CONFLICT (database, due_at) DO NOTHING
            """, database, due, cancellationToken, at) == 1;

    public async ValueTask ReleaseAsync(string database, DateTimeOffset due, CancellationToken cancellationToken) =>
        await ExecuteAsync("DELETE FROM pitr_drill_claims WHERE database = @database AND due_at = @due", database, due, cancellationToken);

    private static async Task CreateSchemaAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        try
        {
            await connection.ExecuteAsync(Schema, cancellationToken);
        }
        catch (DbException)
        {
            // Replicas starting together: PostgreSQL lets one CREATE win and fails the other; the table is there now.
            await connection.ExecuteAsync(Schema, cancellationToken);
        }
    }

    private static string Stamp(DateTimeOffset at) => at.ToUniversalTime().ToString("O");

    private async Task<int> ExecuteAsync(string sql, string database, DateTimeOffset due, CancellationToken cancellationToken, DateTimeOffset? at = null)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.AddParameter("database", database.ToLowerInvariant());
        command.AddParameter("due", Stamp(due));
        if (at is { } claimedAt)
        {
            command.AddParameter("at", Stamp(claimedAt));
        }

        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
