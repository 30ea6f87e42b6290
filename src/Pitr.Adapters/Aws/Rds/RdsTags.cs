using Pitr.Domain.Ports;

namespace Pitr.Adapters.Aws.Rds;

/// <summary>The tags every restore carries; they are how a restarted bot recognises its own restores.</summary>
internal static class RdsTags
{
    public const string Managed = "pitr:managed";
    public const string Identifier = "pitr:identifier";

    /// <summary>Set once the settings only a modify call can carry were sent, so a restarted bot does not send them again.</summary>
    public const string SettingsApplied = "pitr:settings-applied";

    public static IEnumerable<KeyValuePair<string, string>> For(RestoreRequest request, IReadOnlyDictionary<string, string> sourceTags, bool copySourceTags)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        if (copySourceTags)
        {
            // aws:* tags are reserved and the source's pitr:* tags belong to an earlier recovery.
            foreach (var (key, value) in sourceTags.Where(t => !t.Key.StartsWith("aws:", StringComparison.Ordinal) && !t.Key.StartsWith("pitr:", StringComparison.Ordinal)))
            {
                tags[key] = value;
            }
        }

        foreach (var (key, value) in request.Tags)
        {
            tags[key] = value;
        }

        tags[Managed] = "true";
        tags[Identifier] = request.Identifier;
        return tags;
    }

    public static bool AreOurs(IReadOnlyDictionary<string, string> tags, string identifier) =>
        tags.TryGetValue(Managed, out var managed) && managed == "true"
        && tags.TryGetValue(Identifier, out var id) && id == identifier;

    /// <summary>An existing database under a restore's identifier is resumed only if we created it.</summary>
    public static void EnsureOurs(IReadOnlyDictionary<string, string> tags, string identifier, string kind)
    {
        if (!AreOurs(tags, identifier))
        {
            throw new AwsApiException(
                $"A {kind} named '{identifier}' already exists but does not carry this bot's tags ({Managed}, {Identifier}); it was not created by this recovery. Rename or delete it, then retry.");
        }
    }
}
