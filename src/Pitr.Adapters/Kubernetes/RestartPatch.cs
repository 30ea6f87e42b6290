using System.Globalization;
using System.Text.Json.Nodes;
using k8s.Models;

namespace Pitr.Adapters.Kubernetes;

/// <summary>The patch <c>kubectl rollout restart</c> sends: the restart time as a pod template annotation, so the controller rolls out new pods.</summary>
internal static class RestartPatch
{
    public const string Annotation = "kubectl.kubernetes.io/restartedAt";

    /// <summary>RFC 3339 to the second, as kubectl writes it. The same recovery step always yields the same stamp.</summary>
    public static string Stamp(DateTimeOffset restartedAt) =>
        restartedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static V1Patch For(string stamp) => new(
        new JsonObject
        {
            ["spec"] = new JsonObject
            {
                ["template"] = new JsonObject
                {
                    ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [Annotation] = stamp } },
                },
            },
        }.ToJsonString(),
        V1Patch.PatchType.StrategicMergePatch);
}
