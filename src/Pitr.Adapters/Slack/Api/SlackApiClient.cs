using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Pitr.Adapters.Slack.Api;

/// <summary>
/// The Slack Web API: JSON posts with the bot token, Retry-After honoured on 429, transient failures
/// retried with backoff, at most one chat.postMessage per channel per <see cref="SlackOptions.PostInterval"/>.
/// Tokens go into the Authorization header only and are never logged.
/// </summary>
public sealed partial class SlackApiClient
{
    public const string HttpClientName = "slack";

    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(500);

    private readonly IHttpClientFactory http;
    private readonly SlackOptions options;
    private readonly TimeProvider clock;
    private readonly ILogger<SlackApiClient> logger;
    private readonly ChannelPacer pacer;

    public SlackApiClient(IHttpClientFactory http, IOptions<SlackOptions> options, TimeProvider clock, ILogger<SlackApiClient> logger)
    {
        this.http = http;
        this.options = options.Value;
        this.clock = clock;
        this.logger = logger;
        pacer = new ChannelPacer(clock, this.options.PostInterval);
    }

    /// <summary>Calls a write method with a JSON body and the bot token; returns Slack's answer when it says <c>ok</c>.</summary>
    /// <exception cref="SlackApiException">Slack refused the call, or it kept failing.</exception>
    public async Task<JsonObject> CallAsync(string method, JsonObject arguments, CancellationToken cancellationToken)
    {
        if (method == "chat.postMessage" && arguments["channel"]?.GetValue<string>() is { } channel)
        {
            await pacer.WaitTurnAsync(channel, cancellationToken);
        }

        var json = arguments.ToJsonString();
        return await SendAsync(method, options.BotToken, () => new StringContent(json, Encoding.UTF8, "application/json"), cancellationToken);
    }

    /// <summary>
    /// Posts a message that carries metadata to find it by, retrying only what Slack surely did not take (429):
    /// after a 5xx or a timeout the message may have been posted, and the caller looks for it before posting again.
    /// </summary>
    public async Task<JsonObject> PostFindableAsync(JsonObject arguments, CancellationToken cancellationToken)
    {
        if (arguments["channel"]?.GetValue<string>() is { } channel)
        {
            await pacer.WaitTurnAsync(channel, cancellationToken);
        }

        var json = arguments.ToJsonString();
        return await SendAsync("chat.postMessage", options.BotToken, () => new StringContent(json, Encoding.UTF8, "application/json"), cancellationToken, retryUnknown: false);
    }

    /// <summary>Calls a read method with form arguments (Slack accepts JSON bodies only for write methods).</summary>
    public Task<JsonObject> CallFormAsync(string method, IReadOnlyDictionary<string, string> arguments, CancellationToken cancellationToken) =>
        SendAsync(method, options.BotToken, () => new FormUrlEncodedContent(arguments), cancellationToken);

    /// <summary>Opens a Socket Mode connection with the app-level token; returns the WebSocket URL.</summary>
    public async Task<Uri> OpenSocketAsync(CancellationToken cancellationToken)
    {
        var answer = await SendAsync("apps.connections.open", options.AppToken, () => new FormUrlEncodedContent([]), cancellationToken);
        return answer["url"]?.GetValue<string>() is { } url && Uri.TryCreate(url, UriKind.Absolute, out var uri)
            ? uri
            : throw new SlackApiException("apps.connections.open", "the answer carries no url");
    }

    /// <param name="retryUnknown">Whether failures that leave unknown whether Slack acted (5xx, timeouts, broken connections) are retried.</param>
    private async Task<JsonObject> SendAsync(string method, string? token, Func<HttpContent> content, CancellationToken cancellationToken, bool retryUnknown = true)
    {
        var client = http.CreateClient(HttpClientName);
        var uri = new Uri(options.ApiBaseUrl, method);
        for (var attempt = 0; ; attempt++)
        {
            var last = attempt >= options.MaxRetries;
            var lastUnknown = last || !retryUnknown;
            TimeSpan wait;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = content() };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                using var response = await client.SendAsync(request, cancellationToken);
                if (response.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    wait = RetryAfter(response);
                    if (last || wait > options.MaxRetryAfter)
                    {
                        throw new SlackApiException(method, $"rate limited (retry after {wait.TotalSeconds:0}s)");
                    }

                    LogRateLimited(method, wait);
                }
                else if ((int)response.StatusCode >= 500 && !lastUnknown)
                {
                    wait = Backoff(attempt);
                    LogTransient(method, $"HTTP {(int)response.StatusCode}", wait);
                }
                else
                {
                    return await ReadAsync(method, response, cancellationToken);
                }
            }
            catch (HttpRequestException e) when (!lastUnknown)
            {
                wait = Backoff(attempt);
                LogTransient(method, e.Message, wait);
            }
            catch (HttpRequestException e)
            {
                throw new SlackApiException(method, e.Message);
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested && !lastUnknown)
            {
                wait = Backoff(attempt);
                LogTransient(method, "timed out", wait);
            }

            await Task.Delay(wait, clock, cancellationToken);
        }
    }

    private static async Task<JsonObject> ReadAsync(string method, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new SlackApiException(method, $"HTTP {(int)response.StatusCode}");
        }

        JsonObject? answer;
        try
        {
            answer = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken)) as JsonObject;
        }
        catch (JsonException)
        {
            answer = null;
        }

        if (answer is null)
        {
            throw new SlackApiException(method, "the answer is not a JSON object");
        }

        return answer["ok"]?.GetValueKind() == JsonValueKind.True
            ? answer
            : throw new SlackApiException(method, answer["error"]?.ToString() ?? "ok is not true");
    }

    private static TimeSpan RetryAfter(HttpResponseMessage response) =>
        response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            _ when response.Headers.TryGetValues("Retry-After", out var values) && int.TryParse(values.FirstOrDefault(), out var seconds) => TimeSpan.FromSeconds(seconds),
            _ => TimeSpan.FromSeconds(1),
        };

    private static TimeSpan Backoff(int attempt) => FirstBackoff * Math.Pow(2, Math.Min(attempt, 5));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack rate-limited {Method}; waiting {Wait} as asked")]
    private partial void LogRateLimited(string method, TimeSpan wait);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack {Method} failed transiently ({Reason}); retrying in {Wait}")]
    private partial void LogTransient(string method, string reason, TimeSpan wait);
}
