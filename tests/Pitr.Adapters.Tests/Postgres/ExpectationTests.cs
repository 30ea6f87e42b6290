using Pitr.Adapters.Postgres;

namespace Pitr.Adapters.Tests.Postgres;

public sealed class ExpectationTests
{
    [Theory]
    [InlineData(">= 1", "1", true)]
    [InlineData(">= 1", "0", false)]
    [InlineData("= 0", "0", true)]
    [InlineData("<> 0", "0", false)]
    [InlineData("< 10.5", "10", true)]
    [InlineData("= 'ok'", "ok", true)]
    [InlineData("not null", "x", true)]
    [InlineData("not null", null, false)]
    [InlineData("null", null, true)]
    [InlineData("true", "true", true)]
    [InlineData("> 3", null, false)]
    public void Value_meets_expectation_as_written(string expect, string? value, bool met) =>
        Assert.Equal(met, Expectation.Parse(expect).IsMetBy(value));

    [Theory]
    [InlineData("")]
    [InlineData("about 3")]
    [InlineData(">=")]
    public void Unreadable_expectation_is_refused(string expect) =>
        Assert.False(Expectation.TryParse(expect, out _));
}
