namespace Pitr.Bot.Slack;

/// <summary>What a modal remembers between opening and submission (its <c>private_metadata</c>): a few fields joined by <c>|</c>.</summary>
internal static class ModalMetadata
{
    private const int MaxFieldLength = 200;

    /// <returns>The metadata, or null when a field could not be read back (empty, too long, or holding <c>|</c>): refuse such input.</returns>
    public static string? TryJoin(params string[] fields) =>
        fields.All(IsReadable) ? string.Join('|', fields) : null;

    public static string[]? Split(string? metadata, int count) =>
        metadata?.Split('|') is { } fields && fields.Length == count && fields.All(IsReadable) ? fields : null;

    private static bool IsReadable(string field) =>
        field.Length is > 0 and <= MaxFieldLength && !field.Contains('|', StringComparison.Ordinal);
}
