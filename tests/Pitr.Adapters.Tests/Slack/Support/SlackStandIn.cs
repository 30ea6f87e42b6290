using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Pitr.Tests.Slack.Support;

/// <summary>
/// The Slack Web API on loopback: records every call, answers like Slack, can be told to rate-limit or fail,
/// and serves a Socket Mode WebSocket that greets with hello and records acknowledgements.
/// </summary>
public sealed class SlackStandIn : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<(int Status, int? RetryAfter)> faults = new();
    private int ts;
    private int files;
    private Outage? outage;
    private int takenDespiteFailure;

    private SlackStandIn(WebApplication app) => this.app = app;

    public Uri ApiBase { get; private set; } = null!;

    public ConcurrentQueue<RecordedCall> Calls { get; } = new();

    public ConcurrentDictionary<string, string[]> GroupMembers { get; } = new();

    /// <summary>Bytes sent to each upload URL handed out by files.getUploadURLExternal, by file id.</summary>
    public ConcurrentDictionary<string, byte[]> Uploads { get; } = new();

    /// <summary>Methods that answer <c>ok: false</c> (as Slack does without the scope they need).</summary>
    public ConcurrentDictionary<string, string> Refusing { get; } = new();

    /// <summary>Every message posted, in the order Slack took them; conversations.history and conversations.replies answer from it.</summary>
    public ConcurrentQueue<PostedMessage> Messages { get; } = new();

    /// <summary>Frames received on Socket Mode connections (acknowledgements).</summary>
    public Channel<JsonObject> Acks { get; } = Channel.CreateUnbounded<JsonObject>();

    /// <summary>Each Socket Mode connection as it opens; write envelopes to it.</summary>
    public Channel<Channel<JsonObject>> Connections { get; } = Channel.CreateUnbounded<Channel<JsonObject>>();

    public static async Task<SlackStandIn> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var standIn = new SlackStandIn(app);
        app.UseWebSockets();
        app.MapPost("/api/{method}", (HttpContext context, string method) => standIn.AnswerAsync(context, method));
        app.Map("/socket", standIn.ServeSocketAsync);
        app.MapPost("/upload/{fileId}", standIn.ReceiveUploadAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        standIn.ApiBase = new Uri(address + "/api/");
        return standIn;
    }

    /// <summary>The next call answers with <paramref name="status"/> (and Retry-After, for 429).</summary>
    public void FailNext(int status, int? retryAfterSeconds = null) => faults.Enqueue((status, retryAfterSeconds));

    /// <summary>
    /// Slack down from now: every call answers 500 for <paramref name="serverErrors"/>, then 429 with
    /// Retry-After <paramref name="retryAfterSeconds"/> for <paramref name="rateLimited"/>.
    /// </summary>
    /// <param name="takesPosts">Whether a post answered 500 was taken all the same, as Slack sometimes does: only looking before posting again avoids a duplicate.</param>
    public void GoDown(TimeSpan serverErrors, TimeSpan rateLimited, int retryAfterSeconds, bool takesPosts = false)
    {
        var now = DateTimeOffset.UtcNow;
        outage = new Outage(now + serverErrors, now + serverErrors + rateLimited, retryAfterSeconds, takesPosts);
    }

    /// <summary>How many posts were taken although the answer was a failure.</summary>
    public int TakenDespiteFailure => takenDespiteFailure;

    /// <summary>Replies in the thread of <paramref name="threadTs"/>, in the order they were posted.</summary>
    public IReadOnlyList<PostedMessage> Replies(string threadTs) => [.. Messages.Where(m => m.ThreadTs == threadTs)];

    public IEnumerable<RecordedCall> CallsTo(string method) => Calls.Where(c => c.Method == method);

    public async Task<RecordedCall> WaitForAsync(Func<RecordedCall, bool> match, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(5));
        while (DateTime.UtcNow < deadline)
        {
            if (Calls.FirstOrDefault(match) is { } call)
            {
                return call;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"No Slack call {what} arrived. Calls: {string.Join(", ", Calls.Select(c => c.Method))}");
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private async Task AnswerAsync(HttpContext context, string method)
    {
        var body = await new StreamReader(context.Request.Body).ReadToEndAsync();
        var json = context.Request.ContentType?.StartsWith("application/json", StringComparison.Ordinal) == true ? JsonNode.Parse(body) as JsonObject : null;
        var form = json is null ? Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(body).ToDictionary(p => p.Key, p => p.Value.ToString()) : [];
        Calls.Enqueue(new RecordedCall(method, context.Request.Headers.Authorization.ToString(), json ?? [], form, DateTimeOffset.UtcNow));
        if ((faults.TryDequeue(out var queued) ? queued : outage?.Now()) is { } fault)
        {
            if (fault.Status >= 500 && outage?.TakesPosts == true && method == "chat.postMessage" && json is not null)
            {
                Take(json);
                Interlocked.Increment(ref takenDespiteFailure);
            }

            context.Response.StatusCode = fault.Status;
            if (fault.RetryAfter is { } seconds)
            {
                context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            return;
        }

        if (Refusing.TryGetValue(method, out var error))
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(new JsonObject { ["ok"] = false, ["error"] = error }.ToJsonString());
            return;
        }

        var answer = new JsonObject { ["ok"] = true };
        switch (method)
        {
            case "files.getUploadURLExternal":
                var fileId = $"F{Interlocked.Increment(ref files):0000}";
                answer["file_id"] = fileId;
                answer["upload_url"] = ApiBase.ToString().Replace("/api/", $"/upload/{fileId}", StringComparison.Ordinal);
                break;
            case "files.completeUploadExternal":
                answer["files"] = JsonNode.Parse(form.GetValueOrDefault("files") ?? "[]");
                break;
            case "chat.postMessage":
                var posted = Take(json ?? []);
                answer["channel"] = posted.Channel;
                answer["ts"] = posted.Ts;
                break;
            case "conversations.history":
                var oldest = DateTimeOffset.FromUnixTimeSeconds(long.Parse(form.GetValueOrDefault("oldest") ?? "0", System.Globalization.CultureInfo.InvariantCulture));
                answer["messages"] = Listed(Messages.Where(m => m.Channel == form["channel"] && m.ThreadTs is null && m.At >= oldest).Reverse(), form);
                break;
            case "conversations.replies":
                answer["messages"] = Listed(Messages.Where(m => m.Channel == form["channel"] && (m.Ts == form["ts"] || m.ThreadTs == form["ts"])), form);
                break;
            case "usergroups.users.list":
                answer["users"] = new JsonArray([.. GroupMembers.GetValueOrDefault(form.GetValueOrDefault("usergroup") ?? "", []).Select(u => (JsonNode)u)]);
                break;
            case "apps.connections.open":
                answer["url"] = ApiBase.ToString().Replace("http://", "ws://", StringComparison.Ordinal).Replace("/api/", "/socket", StringComparison.Ordinal);
                break;
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(answer.ToJsonString());
    }

    private PostedMessage Take(JsonObject post)
    {
        var message = new PostedMessage(
            post["channel"]?.GetValue<string>() ?? "", $"1700000000.{Interlocked.Increment(ref ts):000000}", post["thread_ts"]?.GetValue<string>(),
            post["text"]?.GetValue<string>() ?? "", post["metadata"]?.DeepClone() as JsonObject, DateTimeOffset.UtcNow);
        Messages.Enqueue(message);
        return message;
    }

    private static JsonArray Listed(IEnumerable<PostedMessage> messages, Dictionary<string, string> form) =>
        new([.. messages.Select(m =>
        {
            var message = new JsonObject { ["ts"] = m.Ts, ["text"] = m.Text, ["thread_ts"] = m.ThreadTs };
            if (form.GetValueOrDefault("include_all_metadata") == "true" && m.Metadata is not null)
            {
                message["metadata"] = m.Metadata.DeepClone();
            }

            return (JsonNode)message;
        })]);

    private async Task ReceiveUploadAsync(HttpContext context, string fileId)
    {
        using var bytes = new MemoryStream();
        await context.Request.Body.CopyToAsync(bytes);
        Uploads[fileId] = bytes.ToArray();
        Calls.Enqueue(new RecordedCall("upload", context.Request.Headers.Authorization.ToString(), [], new() { ["file_id"] = fileId }, DateTimeOffset.UtcNow));
        await context.Response.WriteAsync($"OK - {bytes.Length}");
    }

    private async Task ServeSocketAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = 400;
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var outgoing = Channel.CreateUnbounded<JsonObject>();
        await SendAsync(socket, new JsonObject { ["type"] = "hello", ["num_connections"] = 1 });
        await Connections.Writer.WriteAsync(outgoing);
        var sending = Task.Run(async () =>
        {
            await foreach (var frame in outgoing.Reader.ReadAllAsync(context.RequestAborted))
            {
                await SendAsync(socket, frame);
            }
        });
        var buffer = new byte[64 * 1024];
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var received = await socket.ReceiveAsync(buffer, context.RequestAborted);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                if (JsonNode.Parse(Encoding.UTF8.GetString(buffer, 0, received.Count)) is JsonObject ack)
                {
                    await Acks.Writer.WriteAsync(ack);
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
        }

        outgoing.Writer.TryComplete();
        await sending.ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private static Task SendAsync(WebSocket socket, JsonObject frame) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(frame.ToJsonString()), WebSocketMessageType.Text, true, CancellationToken.None);
}

/// <param name="At">When the stand-in took it (what <c>oldest</c> in conversations.history is compared with).</param>
public sealed record PostedMessage(string Channel, string Ts, string? ThreadTs, string Text, JsonObject? Metadata, DateTimeOffset At)
{
    public string? Kind => Metadata?["event_type"]?.GetValue<string>();

    public long? Seq => Metadata?["event_payload"]?["seq"]?.GetValue<string>() is { } seq ? long.Parse(seq, System.Globalization.CultureInfo.InvariantCulture) : null;
}

internal sealed record Outage(DateTimeOffset ServerErrorsUntil, DateTimeOffset RateLimitedUntil, int RetryAfterSeconds, bool TakesPosts)
{
    /// <summary>The answer Slack gives now, or null once it is back.</summary>
    public (int Status, int? RetryAfter)? Now() =>
        DateTimeOffset.UtcNow < ServerErrorsUntil ? (500, null)
        : DateTimeOffset.UtcNow < RateLimitedUntil ? (429, RetryAfterSeconds)
        : null;
}

/// <param name="Json">The JSON body of a write method (empty for form calls).</param>
public sealed record RecordedCall(string Method, string Authorization, JsonObject Json, Dictionary<string, string> Form, DateTimeOffset At)
{
    public string Text => Json.ToJsonString();
}
