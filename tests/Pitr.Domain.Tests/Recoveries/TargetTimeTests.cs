using Pitr.Domain.Recoveries;

namespace Pitr.Domain.Tests.Recoveries;

public sealed class TargetTimeTests
{
    [Theory]
    [InlineData("2024-05-01T10:32:15Z", 0)]
    [InlineData("2024-05-01T10:32:15z", 0)]
    [InlineData("2024-05-01 10:32:15+02:00", 2)]
    [InlineData(" 2024-05-01T10:32:15.250-05:30 ", -5.5)]
    public void Reads_the_time_with_its_offset(string text, double offsetHours)
    {
        Assert.True(TargetTime.TryParse(text, out var time, out var error), error);

        Assert.Equal(TimeSpan.FromHours(offsetHours), time.Offset);
    }

    [Theory]
    [InlineData("2024-05-01T10:32:15")]
    [InlineData("2024-05-01 10:32")]
    [InlineData("10:32:15")]
    public void Refuses_a_bare_local_time_with_an_example(string text)
    {
        Assert.False(TargetTime.TryParse(text, out _, out var error));

        Assert.Contains("has no UTC offset", error, StringComparison.Ordinal);
        Assert.Contains(TargetTime.Example, error, StringComparison.Ordinal);
    }
}
