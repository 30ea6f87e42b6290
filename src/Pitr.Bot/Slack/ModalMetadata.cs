namespace Pitr.Bot.Slack;

/// <summary>What a modal remembers between opening and submission (its <c>private_metadata</c>): a few fields joined by <c>|</c>.</summary>
internal static class ModalMetadata
{
    public static string Join(params string[] fields) =>
        fields.Any(f => f.Contains('|', StringComparison.Ordinal)) ? throw new ArgumentException("a metadata field contains |", nameof(fields)) : string.Join('|', fields);

    public static string[]? Split(string? metadata, int count) =>
        metadata?.Split('|') is { } fields && fields.Length == count && fields.All(f => f.Length is > 0 and <= 200) ? fields : null;
}
