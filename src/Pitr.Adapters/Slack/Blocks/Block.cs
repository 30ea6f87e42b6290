using System.Text.Json.Nodes;

namespace Pitr.Adapters.Slack.Blocks;

/// <summary>Block Kit elements, each kept within Slack's limits.</summary>
internal static class Block
{
    public const int MaxBlocks = 50;
    public const int MaxSectionText = 3000;

    public static JsonObject Text(string mrkdwn) => new() { ["type"] = "mrkdwn", ["text"] = Mrkdwn.Cut(mrkdwn, MaxSectionText) };

    public static JsonObject Plain(string text, int max) => new() { ["type"] = "plain_text", ["text"] = Mrkdwn.Cut(text, max), ["emoji"] = true };

    public static JsonObject Header(string text) => new() { ["type"] = "header", ["text"] = Plain(text, 150) };

    public static JsonObject Section(string mrkdwn) => new() { ["type"] = "section", ["text"] = Text(mrkdwn) };

    public static JsonObject Fields(IEnumerable<(string Name, string Value)> fields) => new()
    {
        ["type"] = "section",
        ["fields"] = new JsonArray([.. fields.Take(10).Select(f => (JsonNode)Text(Mrkdwn.Cut($"*{f.Name}*\n{f.Value}", 2000)))]),
    };

    public static JsonObject Context(params string[] mrkdwn) => new()
    {
        ["type"] = "context",
        ["elements"] = new JsonArray([.. mrkdwn.Take(10).Select(t => (JsonNode)Text(Mrkdwn.Cut(t, 2000)))]),
    };

    public static JsonObject Divider() => new() { ["type"] = "divider" };
}
