using Npgsql;

namespace Pitr.Bot.Tests.Support;

/// <summary>One statement on a server the test reaches by connection string, on a connection of its own.</summary>
internal static class Sql
{
    /// <summary>A server the tests or the bot started on loopback, as its superuser.</summary>
    public static string OnLoopback(int port) => $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=false";

    public static async Task ExecuteAsync(string connectionString, string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task<T> ScalarAsync<T>(string connectionString, string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
