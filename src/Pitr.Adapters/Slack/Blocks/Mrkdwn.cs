namespace Pitr.Adapters.Slack.Blocks;

/// <summary>Slack's text rules: three characters must be escaped, and every text field has a length limit.</summary>
internal static class Mrkdwn
{
    public static string Escape(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    public static string Cut(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    /// <summary>Splits text into pieces of at most <paramref name="max"/> characters, at line breaks where possible.</summary>
    public static IEnumerable<string> Split(string text, int max)
    {
        var rest = text;
        while (rest.Length > max)
        {
            var cut = rest.LastIndexOf('\n', max - 1);
            cut = cut <= 0 ? max : cut;
            yield return rest[..cut];
            rest = rest[cut..].TrimStart('\n');
        }

        if (rest.Length > 0)
        {
            yield return rest;
        }
    }

    /// <summary>A live timestamp: Slack shows it in the reader's zone, with the UTC time as fallback.</summary>
    public static string Date(DateTimeOffset time, string format) =>
        $"<!date^{time.ToUnixTimeSeconds()}^{format}|{Pitr.Domain.TimeFormat.Utc(time)}>";
}
