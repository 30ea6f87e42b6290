using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace Pitr.Adapters.Slack.Api;

/// <summary>
/// Slack's external upload flow: ask for an upload URL (<c>files.getUploadURLExternal</c>), send the bytes there,
/// then share the file into a thread (<c>files.completeUploadExternal</c>). Needs the <c>files:write</c> scope.
/// </summary>
public sealed class SlackFileUpload(SlackApiClient api, IHttpClientFactory http)
{
    /// <exception cref="SlackApiException">A step of the flow failed; nothing is shared.</exception>
    /// <param name="threadTs">The thread to share into; null shares into the channel itself.</param>
    /// <param name="comment">A message posted with the file.</param>
    public async Task<string> UploadAsync(string channel, string? threadTs, string fileName, string title, byte[] content, CancellationToken cancellationToken, string? comment = null)
    {
        var ticket = await api.CallFormAsync(
            "files.getUploadURLExternal",
            new Dictionary<string, string> { ["filename"] = fileName, ["length"] = content.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            cancellationToken);
        if (ticket["upload_url"]?.GetValue<string>() is not { } url || ticket["file_id"]?.GetValue<string>() is not { } fileId
            || !Uri.TryCreate(url, UriKind.Absolute, out var uploadUrl))
        {
            throw new SlackApiException("files.getUploadURLExternal", "the answer carries no upload_url or file_id");
        }

        using (var bytes = new ByteArrayContent(content))
        {
            bytes.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            try
            {
                // The URL is pre-signed: the bot token is not sent along.
                using var response = await http.CreateClient(SlackApiClient.HttpClientName).PostAsync(uploadUrl, bytes, cancellationToken);
                if (!response.IsSuccessStatusCode)
                {
                    throw new SlackApiException("file upload", $"HTTP {(int)response.StatusCode}");
                }
            }
            catch (HttpRequestException e)
            {
                throw new SlackApiException("file upload", e.Message);
            }
        }

        var share = new Dictionary<string, string>
        {
            ["files"] = new JsonArray(new JsonObject { ["id"] = fileId, ["title"] = title }).ToJsonString(),
            ["channel_id"] = channel,
        };
        if (threadTs is not null)
        {
            share["thread_ts"] = threadTs;
        }

        if (comment is not null)
        {
            share["initial_comment"] = comment;
        }

        await api.CallFormAsync("files.completeUploadExternal", share, cancellationToken);
        return fileId;
    }
}
