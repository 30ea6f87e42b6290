using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Pitr.Adapters.Aws.SecretsManager;

namespace Pitr.Adapters.Aws.Logs;

/// <summary>CloudWatch Logs over JSON 1.1 (<c>X-Amz-Target: Logs_20140328.*</c>): only what reading a database's log needs.</summary>
internal sealed class CloudWatchLogsClient(AwsTransport transport)
{
    private const int MaxPages = 50;

    /// <summary>Every event of the group in [<paramref name="from"/>, <paramref name="to"/>] that matches <paramref name="pattern"/>, oldest first.</summary>
    public async Task<IReadOnlyList<LogEvent>> FilterAsync(string logGroup, DateTimeOffset from, DateTimeOffset to, string pattern, CancellationToken cancellationToken)
    {
        var events = new List<LogEvent>();
        string? next = null;
        for (var page = 0; page < MaxPages; page++)
        {
            var request = new JsonObject
            {
                ["logGroupName"] = logGroup,
                ["startTime"] = from.ToUnixTimeMilliseconds(),
                ["endTime"] = to.ToUnixTimeMilliseconds(),
                ["filterPattern"] = pattern,
            };
            if (next is not null)
            {
                request["nextToken"] = next;
            }

            var answer = await CallAsync("FilterLogEvents", request, cancellationToken);
            foreach (var item in answer["events"]?.AsArray() ?? [])
            {
                if (item?["timestamp"]?.GetValue<long>() is { } at && (string?)item["message"] is { } message)
                {
                    events.Add(new LogEvent(DateTimeOffset.FromUnixTimeMilliseconds(at), message));
                }
            }

            next = (string?)answer["nextToken"];
            if (next is null)
            {
                break;
            }
        }

        return [.. events.OrderBy(e => e.At)];
    }

    private async Task<JsonObject> CallAsync(string action, JsonObject request, CancellationToken cancellationToken)
    {
        var payload = Encoding.UTF8.GetBytes(request.ToJsonString());
        var body = await transport.SendAsync(action, endpoint =>
        {
            var content = new ByteArrayContent(payload);
            content.Headers.ContentType = new MediaTypeHeaderValue(SecretsManagerClient.ContentType);
            var message = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = content };
            message.Headers.Add("X-Amz-Target", string.Create(CultureInfo.InvariantCulture, $"Logs_20140328.{action}"));
            return message;
        }, cancellationToken);
        return JsonNode.Parse(body.Length == 0 ? "{}" : body) as JsonObject ?? [];
    }
}

/// <param name="At">When CloudWatch received the line (to the millisecond).</param>
internal sealed record LogEvent(DateTimeOffset At, string Message);
