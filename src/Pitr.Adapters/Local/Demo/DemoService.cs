using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Npgsql;

namespace Pitr.Adapters.Local.Demo;

/// <summary>
/// The demo's application: reads the connection secret once at start (so only a restart picks up a
/// new one) and answers <c>/healthz</c> with the identity of the database it talks to.
/// </summary>
public static class DemoService
{
    public static async Task<int> RunAsync(string secretFile, int port, CancellationToken cancellationToken)
    {
        var secret = JsonNode.Parse(await File.ReadAllTextAsync(secretFile, cancellationToken))!;
        var connectionString = new NpgsqlConnectionStringBuilder
        {
            Host = (string?)secret["host"],
            Port = (int)secret["port"]!,
            Username = (string?)secret["username"],
            Database = (string?)secret["dbname"],
            Pooling = false,
            Timeout = 3,
        }.ConnectionString;

        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        using var stop = cancellationToken.Register(listener.Stop);
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                break;
            }

            await AnswerAsync(context, connectionString, cancellationToken);
        }

        return 0;
    }

    private static async Task AnswerAsync(HttpListenerContext context, string connectionString, CancellationToken cancellationToken)
    {
        var (status, body) = context.Request.Url?.AbsolutePath == "/healthz"
            ? await IdentityAsync(connectionString, cancellationToken)
            : (404, new JsonObject { ["error"] = "only /healthz here" });
        var bytes = Encoding.UTF8.GetBytes(body.ToJsonString());
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.OutputStream.WriteAsync(bytes, cancellationToken);
        context.Response.Close();
    }

    private static async Task<(int, JsonObject)> IdentityAsync(string connectionString, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand(
                "select current_setting('port')::int, (select system_identifier::text from pg_control_system()), " +
                "(select timeline_id from pg_control_checkpoint()), (select count(*) from orders)", connection);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            return (200, new JsonObject
            {
                ["port"] = reader.GetInt32(0),
                ["systemIdentifier"] = reader.GetString(1),
                ["timeline"] = reader.GetInt32(2),
                ["orders"] = reader.GetInt64(3),
            });
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or JsonException)
        {
            return (503, new JsonObject { ["error"] = e.Message });
        }
    }
}
