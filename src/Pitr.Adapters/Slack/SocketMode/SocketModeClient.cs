using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Pitr.Adapters.Slack.Api;

namespace Pitr.Adapters.Slack.SocketMode;

/// <summary>
/// Socket Mode, for bots without a public URL: opens a connection with the app-level token, acknowledges
/// every envelope with its <c>envelope_id</c> (carrying the handler's answer), and connects again when Slack
/// says <c>disconnect</c> or the socket drops, backing off while it keeps failing.
/// </summary>
internal sealed partial class SocketModeClient(
    SlackApiClient api,
    ISlackEnvelopeHandler handler,
    TimeProvider clock,
    ILogger<SocketModeClient> logger) : BackgroundService
{
    private const int MaxMessageBytes = 1 << 20;
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = FirstBackoff;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var url = await api.OpenSocketAsync(stoppingToken);
                using var socket = new ClientWebSocket();
                await socket.ConnectAsync(url, stoppingToken);
                var greeted = false;
                var reason = await ServeAsync(socket, () => (greeted, backoff) = (true, FirstBackoff), stoppingToken);
                LogReconnecting(reason);
                if (!greeted)
                {
                    // Dropped before hello: do not hammer Slack.
                    await DelayQuietlyAsync(backoff, stoppingToken);
                    backoff = Next(backoff);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is WebSocketException or SlackApiException or JsonException or HttpRequestException)
            {
                LogConnectionFailed(e.Message, backoff);
                await DelayQuietlyAsync(backoff, stoppingToken);
                backoff = Next(backoff);
            }
        }
    }

    /// <returns>Why the connection ended.</returns>
    private async Task<string> ServeAsync(ClientWebSocket socket, Action connected, CancellationToken stoppingToken)
    {
        while (socket.State == WebSocketState.Open)
        {
            if (await ReceiveAsync(socket, stoppingToken) is not { } message)
            {
                return "closed by Slack";
            }

            switch (message["type"]?.GetValue<string>())
            {
                case "hello":
                    connected();
                    LogConnected();
                    break;
                case "disconnect":
                    await CloseQuietlyAsync(socket);
                    return $"disconnect: {message["reason"]?.GetValue<string>() ?? "no reason"}";
                case { } type when message["envelope_id"]?.GetValue<string>() is { } envelopeId:
                    await AcknowledgeAsync(socket, envelopeId, type, message["payload"], stoppingToken);
                    break;
            }
        }

        return "closed";
    }

    private async Task AcknowledgeAsync(ClientWebSocket socket, string envelopeId, string type, JsonNode? payload, CancellationToken stoppingToken)
    {
        JsonObject? answer = null;
        if (payload is JsonObject)
        {
            using var document = JsonDocument.Parse(payload.ToJsonString());
            answer = await handler.HandleAsync(type, document.RootElement, stoppingToken);
        }

        var ack = new JsonObject { ["envelope_id"] = envelopeId };
        if (answer is not null)
        {
            ack["payload"] = answer;
        }

        await socket.SendAsync(Encoding.UTF8.GetBytes(ack.ToJsonString()), WebSocketMessageType.Text, endOfMessage: true, stoppingToken);
    }

    private static async Task<JsonObject?> ReceiveAsync(ClientWebSocket socket, CancellationToken stoppingToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        while (true)
        {
            var received = await socket.ReceiveAsync(chunk, stoppingToken);
            if (received.MessageType == WebSocketMessageType.Close)
            {
                await CloseQuietlyAsync(socket);
                return null;
            }

            buffer.Write(chunk, 0, received.Count);
            if (buffer.Length > MaxMessageBytes)
            {
                throw new WebSocketException("a Socket Mode message exceeded 1 MiB");
            }

            if (received.EndOfMessage)
            {
                return JsonNode.Parse(buffer.ToArray()) as JsonObject ?? [];
            }
        }
    }

    private static async Task CloseQuietlyAsync(ClientWebSocket socket)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "reconnecting", timeout.Token);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            // The connection is being replaced either way.
        }
    }

    private async Task DelayQuietlyAsync(TimeSpan delay, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(delay, clock, stoppingToken);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static TimeSpan Next(TimeSpan backoff) => backoff * 2 < MaxBackoff ? backoff * 2 : MaxBackoff;

    [LoggerMessage(Level = LogLevel.Information, Message = "Socket Mode connected")]
    private partial void LogConnected();

    [LoggerMessage(Level = LogLevel.Information, Message = "Socket Mode connection ended ({Reason}); connecting again")]
    private partial void LogReconnecting(string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Socket Mode connection failed ({Error}); trying again in {Backoff}")]
    private partial void LogConnectionFailed(string error, TimeSpan backoff);
}
