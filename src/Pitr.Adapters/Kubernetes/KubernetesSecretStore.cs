using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Pitr.Domain.Ports;

namespace Pitr.Adapters.Kubernetes;

/// <summary>
/// <c>Secret:Store = kubernetes-secret</c>: rewrites the endpoint keys of the applications' Secret.
/// Kubernetes keeps no history of a Secret, so the values it replaces are kept in an annotation on
/// the Secret itself; reverting writes them back and removes the annotation. Every patch carries
/// the resourceVersion it was computed from, so a concurrent edit is refused rather than lost.
/// </summary>
internal sealed class KubernetesSecretStore(IKubernetes client, KubernetesSecretOptions options, ILogger<KubernetesSecretStore> logger) : ISecretStore
{
    /// <summary>Holds the replaced values as JSON: only host, port and database name, never credentials.</summary>
    public const string PreviousAnnotation = "pitr-bot/previous-endpoint";

    private const string Resource = "secrets";

    public async ValueTask<SecretChange> PointAtAsync(DatabaseEndpoint endpoint, CancellationToken cancellationToken)
    {
        var secret = await ReadAsync(cancellationToken);
        var current = EndpointValues.Of(secret, options);
        var wanted = new EndpointValues(endpoint.Host, endpoint.Port.ToString(), options.DatabaseKey is null ? null : endpoint.Database);
        if (current.SameAs(wanted, options) && Previous(secret) is { } kept)
        {
            return new SecretChange(kept.ResourceVersion, secret.Metadata.ResourceVersion, kept.Values.Describe());
        }

        var previous = new PreviousValues(current, secret.Metadata.ResourceVersion);
        var patch = new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["resourceVersion"] = secret.Metadata.ResourceVersion,
                ["annotations"] = new JsonObject { [PreviousAnnotation] = JsonSerializer.Serialize(previous) },
            },
            ["data"] = wanted.AsData(options),
        };
        var patched = await PatchAsync(patch, cancellationToken);
        logger.SecretPointed(options.Namespace, options.Name, wanted.Describe(), current.Describe());
        return new SecretChange(previous.ResourceVersion, patched.Metadata.ResourceVersion, current.Describe());
    }

    public async ValueTask RevertAsync(SecretChange change, CancellationToken cancellationToken)
    {
        var secret = await ReadAsync(cancellationToken);
        if (Previous(secret) is not { } kept)
        {
            return;
        }

        if (kept.ResourceVersion != change.PreviousVersion)
        {
            throw new InvalidOperationException(
                $"Secret {options.Namespace}/{options.Name} was pointed elsewhere again after this recovery changed it " +
                $"(it now keeps the values of version {kept.ResourceVersion}, not {change.PreviousVersion}); revert it by hand.");
        }

        var patch = new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["resourceVersion"] = secret.Metadata.ResourceVersion,
                ["annotations"] = new JsonObject { [PreviousAnnotation] = null },
            },
            ["data"] = kept.Values.AsData(options),
        };
        await PatchAsync(patch, cancellationToken);
        logger.SecretReverted(options.Namespace, options.Name, kept.Values.Describe());
    }

    private Task<V1Secret> ReadAsync(CancellationToken cancellationToken) =>
        KubernetesRequestException.Call("get", Resource, options.Namespace, options.Name,
            () => client.CoreV1.ReadNamespacedSecretAsync(options.Name, options.Namespace, cancellationToken: cancellationToken));

    private Task<V1Secret> PatchAsync(JsonObject patch, CancellationToken cancellationToken) =>
        KubernetesRequestException.Call("patch", Resource, options.Namespace, options.Name,
            () => client.CoreV1.PatchNamespacedSecretAsync(new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch),
                options.Name, options.Namespace, cancellationToken: cancellationToken));

    private static PreviousValues? Previous(V1Secret secret) =>
        secret.Metadata.Annotations?.TryGetValue(PreviousAnnotation, out var json) == true
            ? JsonSerializer.Deserialize<PreviousValues>(json)
            : null;

    internal sealed record PreviousValues(EndpointValues Values, string ResourceVersion);

    /// <summary>The endpoint keys' values; null where the Secret lacks the key.</summary>
    internal sealed record EndpointValues(string? Host, string? Port, string? Database)
    {
        public static EndpointValues Of(V1Secret secret, KubernetesSecretOptions options) =>
            new(Read(secret, options.HostKey), Read(secret, options.PortKey), options.DatabaseKey is null ? null : Read(secret, options.DatabaseKey));

        public bool SameAs(EndpointValues other, KubernetesSecretOptions options) =>
            Host == other.Host && Port == other.Port && (options.DatabaseKey is null || Database == other.Database);

        /// <summary>The merge-patch <c>data</c> object: base64 values, null to remove a key the Secret did not have.</summary>
        public JsonObject AsData(KubernetesSecretOptions options)
        {
            var data = new JsonObject { [options.HostKey] = Encode(Host), [options.PortKey] = Encode(Port) };
            if (options.DatabaseKey is not null)
            {
                data[options.DatabaseKey] = Encode(Database);
            }

            return data;
        }

        public string Describe() => $"{Host ?? "(no host)"}:{Port ?? "(no port)"}";

        private static string? Read(V1Secret secret, string key) =>
            secret.Data?.TryGetValue(key, out var bytes) == true ? Encoding.UTF8.GetString(bytes) : null;

        private static string? Encode(string? value) => value is null ? null : Convert.ToBase64String(Encoding.UTF8.GetBytes(value));
    }
}
