using Pitr.Domain.Recoveries;

namespace Pitr.Domain.Tests.Recoveries;

public sealed class RecoveryTargetTests
{
    [Theory]
    [InlineData("2024-05-01T10:32:15Z", 0)]
    [InlineData("2024-05-01T10:32:15z", 0)]
    [InlineData("2024-05-01 10:32:15+02:00", 2)]
    [InlineData(" 2024-05-01T10:32:15.250-05:30 ", -5.5)]
    public void Reads_the_time_with_its_offset(string text, double offsetHours)
    {
        Assert.True(RecoveryTarget.TryParse(text, out var target, out var problem), $"{problem}");

        Assert.Equal(TargetProblem.None, problem);
        Assert.Equal(TimeSpan.FromHours(offsetHours), target.Instant.Offset);
        Assert.Equal(text.Trim(), target.AsTyped);
    }

    [Theory]
    [InlineData("2024-05-01T10:32:15")]
    [InlineData("2024-05-01 10:32")]
    [InlineData("10:32:15")]
    public void Refuses_a_bare_local_time_as_having_no_offset(string text)
    {
        Assert.False(RecoveryTarget.TryParse(text, out _, out var problem));

        Assert.Equal(TargetProblem.NoOffset, problem);
    }

    [Theory]
    [InlineData(null, TargetProblem.Missing)]
    [InlineData("", TargetProblem.Missing)]
    [InlineData("   ", TargetProblem.Missing)]
    [InlineData("yesterday Z", TargetProblem.Malformed)]
    [InlineData("2024-13-45T10:32:15Z", TargetProblem.Malformed)]
    public void Names_the_problem_when_the_text_is_not_a_time(string? text, TargetProblem expected)
    {
        Assert.False(RecoveryTarget.TryParse(text, out _, out var problem));

        Assert.Equal(expected, problem);
    }

    [Fact]
    public void Reads_its_own_example()
    {
        Assert.True(RecoveryTarget.TryParse(RecoveryTarget.Example, out var target, out _));

        Assert.Equal(new DateTimeOffset(2024, 5, 1, 10, 32, 15, TimeSpan.Zero), target.Instant);
    }

    [Fact]
    public void Keeps_the_instant_in_utc_when_made_from_a_time()
    {
        var target = RecoveryTarget.At(new DateTimeOffset(2024, 5, 1, 12, 32, 15, TimeSpan.FromHours(2)));

        Assert.Equal("2024-05-01T10:32:15.0000000+00:00", target.AsTyped);
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 10, 32, 15, TimeSpan.Zero), target.Instant);
    }
}
