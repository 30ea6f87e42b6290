using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Pitr.Domain.Ports;

namespace Pitr.Adapters.Aws.SecretsManager;

/// <summary>
/// The <c>aws-secretsmanager</c> store. Cutover writes a new version that differs from the current
/// one only in the endpoint fields; Secrets Manager keeps the old one as AWSPREVIOUS, and revert
/// makes it AWSCURRENT again. Secret values stay inside this class.
/// </summary>
internal sealed class SecretsManagerSecretStore(SecretsManagerClient client, SecretsManagerOptions options) : ISecretStore
{
    private const string Current = "AWSCURRENT";
    private const string Previous = "AWSPREVIOUS";

    public async ValueTask<SecretChange> PointAtAsync(DatabaseEndpoint endpoint, CancellationToken cancellationToken)
    {
        var current = await client.FindVersionAsync(options.SecretId, Current, cancellationToken)
            ?? throw new AwsApiException($"The secret {options.SecretId} has no current version.");
        var fields = ParseObject(current);
        if (PointsAt(fields, endpoint))
        {
            // An earlier cutover got this far: report it rather than writing again.
            var previous = await client.FindVersionAsync(options.SecretId, Previous, cancellationToken);
            return new SecretChange(previous?.VersionId ?? current.VersionId, current.VersionId, previous is null ? "unknown" : EndpointText(ParseObject(previous)));
        }

        var previousEndpoint = EndpointText(fields);
        fields[options.HostField] = endpoint.Host;
        fields[options.PortField] = fields[options.PortField] is JsonValue port && port.GetValueKind() == JsonValueKind.String
            ? endpoint.Port.ToString(CultureInfo.InvariantCulture)
            : endpoint.Port;
        if (fields.ContainsKey(options.IdentifierField))
        {
            fields[options.IdentifierField] = endpoint.Identifier;
        }

        var newVersion = await client.PutAsync(options.SecretId, fields.ToJsonString(), RequestToken(current.VersionId, endpoint), cancellationToken);
        return new SecretChange(current.VersionId, newVersion, previousEndpoint);
    }

    public async ValueTask RevertAsync(SecretChange change, CancellationToken cancellationToken)
    {
        var current = await client.FindVersionAsync(options.SecretId, Current, cancellationToken)
            ?? throw new AwsApiException($"The secret {options.SecretId} has no current version.");
        if (current.VersionId == change.PreviousVersion)
        {
            return;
        }

        await client.MoveStageAsync(options.SecretId, Current, change.PreviousVersion, current.VersionId, cancellationToken);
    }

    /// <summary>Derived from what the write replaces and where it points, so a repeated cutover writes one version.</summary>
    private static string RequestToken(string replacedVersion, DatabaseEndpoint endpoint)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{replacedVersion}|{endpoint.Identifier}|{endpoint.Host}|{endpoint.Port}"));
        return new Guid(hash.AsSpan(0, 16)).ToString("D");
    }

    private JsonObject ParseObject(SecretVersion version)
    {
        try
        {
            if (JsonNode.Parse(version.Value) is JsonObject fields && fields.ContainsKey(options.HostField))
            {
                return fields;
            }
        }
        catch (JsonException)
        {
            // Reported below without echoing the value.
        }

        throw new AwsApiException($"The secret {options.SecretId} (version {version.VersionId}) is not a JSON object with a '{options.HostField}' field; the bot can only rewrite the endpoint of such secrets. Check Secret:SecretsManager:HostField.");
    }

    private bool PointsAt(JsonObject fields, DatabaseEndpoint endpoint) =>
        ValueOf(fields[options.HostField]) == endpoint.Host
        && ValueOf(fields[options.PortField]) == endpoint.Port.ToString(CultureInfo.InvariantCulture);

    private string EndpointText(JsonObject fields) => $"{ValueOf(fields[options.HostField])}:{ValueOf(fields[options.PortField])}";

    private static string ValueOf(JsonNode? node) => node switch
    {
        null => "",
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        _ => node.ToJsonString(),
    };
}
