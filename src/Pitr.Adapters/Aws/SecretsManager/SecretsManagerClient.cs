using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Pitr.Adapters.Aws.SecretsManager;

/// <summary>Secrets Manager over JSON 1.1: POST with <c>X-Amz-Target</c>, JSON in and out.</summary>
internal sealed class SecretsManagerClient(AwsTransport transport)
{
    public const string ContentType = "application/x-amz-json-1.1";

    public async Task<SecretVersion?> FindVersionAsync(string secretId, string stage, CancellationToken cancellationToken)
    {
        try
        {
            var answer = await CallAsync("GetSecretValue", new JsonObject { ["SecretId"] = secretId, ["VersionStage"] = stage }, cancellationToken);
            return new SecretVersion(
                (string?)answer["VersionId"] ?? throw new FormatException("GetSecretValue answered without a VersionId."),
                (string?)answer["SecretString"] ?? "");
        }
        catch (AwsApiException e) when (e.Code == "ResourceNotFoundException" && stage != "AWSCURRENT")
        {
            return null;
        }
    }

    /// <param name="requestToken">Makes the call idempotent: the same token and value create one version.</param>
    /// <returns>The new version's id.</returns>
    public async Task<string> PutAsync(string secretId, string value, string requestToken, CancellationToken cancellationToken)
    {
        var answer = await CallAsync("PutSecretValue", new JsonObject
        {
            ["SecretId"] = secretId,
            ["SecretString"] = value,
            ["ClientRequestToken"] = requestToken,
        }, cancellationToken);
        return (string?)answer["VersionId"] ?? throw new FormatException("PutSecretValue answered without a VersionId.");
    }

    /// <summary>Moves a stage label; moving AWSCURRENT makes Secrets Manager label the version it left AWSPREVIOUS.</summary>
    public Task MoveStageAsync(string secretId, string stage, string toVersion, string fromVersion, CancellationToken cancellationToken) =>
        CallAsync("UpdateSecretVersionStage", new JsonObject
        {
            ["SecretId"] = secretId,
            ["VersionStage"] = stage,
            ["MoveToVersionId"] = toVersion,
            ["RemoveFromVersionId"] = fromVersion,
        }, cancellationToken);

    public static AwsFault ParseFault(HttpStatusCode status, string body)
    {
        try
        {
            if (JsonNode.Parse(body) is JsonObject error && ((string?)error["__type"] ?? (string?)error["code"]) is { Length: > 0 } type)
            {
                // "__type" may be qualified: "com.amazonaws.secretsmanager#ResourceNotFoundException".
                var code = type[(type.LastIndexOf('#') + 1)..];
                return new AwsFault(code, (string?)error["message"] ?? (string?)error["Message"] ?? "", status);
            }
        }
        catch (JsonException)
        {
            // Not JSON: a proxy or load balancer answered; fall through to the status code.
        }

        return new AwsFault($"Http{(int)status}", body.Length > 200 ? body[..200] : body, status);
    }

    private async Task<JsonObject> CallAsync(string action, JsonObject request, CancellationToken cancellationToken)
    {
        var payload = Encoding.UTF8.GetBytes(request.ToJsonString());
        var body = await transport.SendAsync(action, endpoint =>
        {
            var content = new ByteArrayContent(payload);
            content.Headers.ContentType = new MediaTypeHeaderValue(ContentType);
            var message = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = content };
            message.Headers.Add("X-Amz-Target", $"secretsmanager.{action}");
            return message;
        }, cancellationToken);
        return JsonNode.Parse(body.Length == 0 ? "{}" : body) as JsonObject ?? [];
    }
}

/// <summary>One version of a secret. <see cref="Value"/> is secret: never log or show it.</summary>
internal sealed record SecretVersion(string VersionId, string Value)
{
    public override string ToString() => $"SecretVersion {VersionId}";
}
