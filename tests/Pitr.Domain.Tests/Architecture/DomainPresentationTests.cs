using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using System.Text.RegularExpressions;
using Pitr.Domain.Recoveries;

namespace Pitr.Domain.Tests.Architecture;

/// <summary>
/// The domain hands the edges data; the words, and the chat markup around them, are the edges' own.
/// Every string literal compiled into Pitr.Domain (the #US heap) is checked for Slack markup.
/// </summary>
public sealed partial class DomainPresentationTests
{
    [Fact]
    public void No_string_literal_in_the_domain_carries_chat_markup()
    {
        var offending = DomainStringLiterals()
            .Select(literal => (Literal: literal, Markup: MarkupIn(literal)))
            .Where(found => found.Markup.Count > 0)
            .Select(found => $"\"{found.Literal}\": {string.Join(", ", found.Markup)}")
            .ToList();

        Assert.True(offending.Count == 0, "Pitr.Domain formats for chat:\n" + string.Join("\n", offending));
    }

    [Fact]
    public void Reads_the_literals_compiled_into_the_domain()
    {
        // The check is only as good as its reading of the heap: a literal known to be in the domain must be found.
        Assert.Contains("Reject needs the time to restore to instead.", DomainStringLiterals());
    }

    [Theory]
    [InlineData("Recovery `k3m9qz` is already Requested", "backtick")]
    [InlineData("Done :white_check_mark:", "emoji code")]
    [InlineData(":warning: production moved", "emoji code")]
    [InlineData("*Recovery report*", "bold")]
    [InlineData("Outcome: *Completed* after 12m", "bold")]
    [InlineData("or /pitr abort k3m9qz first", "/pitr")]
    public void Finds_the_markup_when_a_literal_formats_for_chat(string literal, string markup)
    {
        Assert.Contains(markup, MarkupIn(literal));
    }

    [Theory]
    [InlineData("yyyy-MM-dd'T'HH:mm:ss'Z'")]
    [InlineData("2024-05-01T10:32:15Z")]
    [InlineData("alert start − 2m 00s")]
    [InlineData("rows * 2 >= 1")]
    [InlineData("pitr-{0}-a{1}")]
    [InlineData("pitr:recovery")]
    [InlineData("Run a drill of orders with pitr drill --db orders.")]
    public void Finds_nothing_when_a_literal_is_plain_text(string literal)
    {
        Assert.Empty(MarkupIn(literal));
    }

    /// <summary>Which kinds of chat markup <paramref name="literal"/> carries.</summary>
    /// <remarks>
    /// Emoji codes are <c>:[a-z0-9_+-]+:</c> standing apart from letters and digits on both sides, so that
    /// times (<c>10:32:15</c>) and format strings (<c>HH:mm:ss</c>) are not taken for them.
    /// </remarks>
    internal static IReadOnlyList<string> MarkupIn(string literal)
    {
        var found = new List<string>();
        if (literal.Contains('`', StringComparison.Ordinal))
        {
            found.Add("backtick");
        }

        if (EmojiCode().IsMatch(literal))
        {
            found.Add("emoji code");
        }

        if (Bold().IsMatch(literal))
        {
            found.Add("bold");
        }

        if (literal.Contains("/pitr", StringComparison.Ordinal))
        {
            found.Add("/pitr");
        }

        return found;
    }

    private static List<string> DomainStringLiterals()
    {
        using var stream = File.OpenRead(typeof(Recovery).Assembly.Location);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        var literals = new List<string>();
        if (metadata.GetHeapSize(HeapIndex.UserString) <= 1)
        {
            return literals;
        }

        // Offset 0 is the heap's empty entry; the first literal starts at 1.
        for (var handle = MetadataTokens.UserStringHandle(1); !handle.IsNil; handle = metadata.GetNextHandle(handle))
        {
            literals.Add(metadata.GetUserString(handle));
        }

        return literals;
    }

    [GeneratedRegex(@"(?<![A-Za-z0-9]):[a-z0-9_+-]+:(?![A-Za-z0-9])")]
    private static partial Regex EmojiCode();

    /// <summary>Slack bold: <c>*word*</c>, asterisks hugging the text inside and standing apart from it outside.</summary>
    [GeneratedRegex(@"(?<![A-Za-z0-9*])\*[^\s*][^*\n]*(?<=[^\s*])\*(?![A-Za-z0-9*])")]
    private static partial Regex Bold();
}
