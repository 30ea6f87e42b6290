using System.Data.Common;
using System.Text.Json;
using Pitr.Domain.Alerts;
using Pitr.Domain.Ports;

namespace Pitr.Adapters.Storage;

/// <summary>
/// The alert log, next to the recoveries in the configured store (SQLite or PostgreSQL: the
/// statements are common to both). One row per alert group, moving claimed → posted → resolved;
/// claiming succeeds only for a new or resolved group, in a single statement, so notifications
/// racing for the same group post once.
/// </summary>
internal sealed class SqlAlertLog(DbDataSource dataSource) : IAlertLog, IDisposable
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS alert_groups (
            group_key   TEXT PRIMARY KEY,
            state       TEXT NOT NULL,
            claimed_at  TEXT NOT NULL,
            card        TEXT,
            channel     TEXT,
            ts          TEXT,
            resolved_at TEXT)
        """;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly SchemaOnce connections = new(dataSource, CreateSchemaAsync);

    public void Dispose() => connections.Dispose();

    public async ValueTask<bool> TryClaimAsync(string groupKey, DateTimeOffset at, CancellationToken cancellationToken) =>
        await ExecuteAsync("""
            INSERT INTO alert_groups (group_key, state, claimed_at) VALUES (@key, 'claimed', @at)
            ON CONFLICT (group_key) DO UPDATE
                SET state = 'claimed', claimed_at = @at, card = NULL, channel = NULL, ts = NULL, resolved_at = NULL
                WHERE alert_groups.state = 'resolved'
            """, groupKey, cancellationToken, ("at", Stamp(at))) == 1;

    public async ValueTask ReleaseAsync(string groupKey, CancellationToken cancellationToken) =>
        await ExecuteAsync("DELETE FROM alert_groups WHERE group_key = @key AND state = 'claimed'", groupKey, cancellationToken);

    public async ValueTask RecordPostedAsync(string groupKey, AlertCard card, MessageRef message, CancellationToken cancellationToken) =>
        await ExecuteAsync("""
            UPDATE alert_groups SET state = 'posted', card = @card, channel = @channel, ts = @ts
            WHERE group_key = @key AND state = 'claimed'
            """, groupKey, cancellationToken,
            ("card", JsonSerializer.Serialize(card, Json)), ("channel", message.Channel), ("ts", message.Ts));

    public async ValueTask<PostedAlert?> TryResolveAsync(string groupKey, DateTimeOffset resolvedAt, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var update = Command(connection, """
            UPDATE alert_groups SET state = 'resolved', resolved_at = @at
            WHERE group_key = @key AND state = 'posted'
            RETURNING card, channel, ts
            """, groupKey, ("at", Stamp(resolvedAt)));
        await using var reader = await update.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var card = JsonSerializer.Deserialize<AlertCard>(reader.GetString(0), Json)
            ?? throw new InvalidDataException($"Alert group {groupKey} has an empty card.");
        return new PostedAlert(card, new MessageRef(reader.GetString(1), reader.GetString(2)));
    }

    private static string Stamp(DateTimeOffset at) => at.ToUniversalTime().ToString("O");

    private async Task<int> ExecuteAsync(string sql, string groupKey, CancellationToken cancellationToken, params (string Name, string Value)[] parameters)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = Command(connection, sql, groupKey, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static DbCommand Command(DbConnection connection, string sql, string groupKey, params (string Name, string Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters.Prepend(("key", groupKey)))
        {
            command.AddParameter(name, value);
        }

        return command;
    }

    private static Task CreateSchemaAsync(DbConnection connection, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(Schema, cancellationToken);
}
