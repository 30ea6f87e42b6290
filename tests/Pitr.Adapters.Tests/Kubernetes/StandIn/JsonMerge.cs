using System.Text.Json.Nodes;

namespace Pitr.Adapters.Tests.Kubernetes.StandIn;

/// <summary>RFC 7386 JSON merge patch (for maps of strings, a strategic merge patch does the same).</summary>
internal static class JsonMerge
{
    public static void Apply(JsonNode target, JsonNode patch)
    {
        if (patch is not JsonObject patchObject || target is not JsonObject targetObject)
        {
            throw new ArgumentException("only object patches are supported", nameof(patch));
        }

        foreach (var (key, value) in patchObject)
        {
            if (value is null)
            {
                targetObject.Remove(key);
            }
            else if (value is JsonObject && targetObject[key] is JsonObject existing)
            {
                Apply(existing, value);
            }
            else
            {
                targetObject[key] = value.DeepClone();
            }
        }
    }
}
