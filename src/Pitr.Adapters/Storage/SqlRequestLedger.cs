using System.Data.Common;

namespace Pitr.Adapters.Storage;

/// <summary>
/// The request ledger in the configured store (SQLite or PostgreSQL: the statements are common to both). Recording is
/// one INSERT that does nothing on a known key, so two replicas given the same request act once between them.
/// </summary>
internal sealed class SqlRequestLedger(DbDataSource dataSource) : IRequestLedger, IDisposable
{
    /// <summary>
    /// Slack retries for up to 5 minutes and a signature is valid for 5 minutes either side of its timestamp:
    /// a quarter of an hour outlives both with room to spare.
    /// </summary>
    public static readonly TimeSpan Memory = TimeSpan.FromMinutes(15);

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS pitr_requests (
            request_key TEXT PRIMARY KEY,
            seen_at     TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS pitr_requests_by_age ON pitr_requests(seen_at);
        """;

    private readonly SchemaOnce connections = new(dataSource, (connection, ct) => connection.ExecuteAsync(Schema, ct));

    public void Dispose() => connections.Dispose();

    public async ValueTask<bool> TryRecordAsync(string key, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using (var forget = connection.CreateCommand())
        {
            forget.CommandText = "DELETE FROM pitr_requests WHERE seen_at < @before";
            forget.AddParameter("before", Stamp(at - Memory));
            await forget.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var record = connection.CreateCommand();
        record.CommandText = "INSERT INTO pitr_requests (request_key, seen_at) VALUES (@key, @at) ON CONFLICT (request_key) DO NOTHING";
        record.AddParameter("key", key);
        record.AddParameter("at", Stamp(at));
        return await record.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>Sortable as text in both stores.</summary>
    private static string Stamp(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", System.Globalization.CultureInfo.InvariantCulture);
}
