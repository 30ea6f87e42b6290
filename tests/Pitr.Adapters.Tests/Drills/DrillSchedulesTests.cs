using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Pitr.Adapters.Drills;

namespace Pitr.Adapters.Tests.Drills;

/// <summary>The schedules of <c>Pitr:Databases:NAME:Drills</c>: cron in UTC, read once, every mistake named with its key.</summary>
public sealed class DrillSchedulesTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 3, 10, 40, 30, TimeSpan.Zero);

    [Fact]
    public void Every_minute_is_due_at_the_minute_just_passed_and_the_next_one()
    {
        var due = Schedules(("orders", "* * * * *", "C0DRILLS")).All.Single().DueTimes;

        Assert.Equal(new DateTimeOffset(2026, 12, 3, 10, 40, 0, TimeSpan.Zero), due.LastAtOrBefore(At));
        Assert.Equal(new DateTimeOffset(2026, 12, 3, 10, 41, 0, TimeSpan.Zero), due.NextAfter(At));
    }

    [Fact]
    public void A_due_time_is_its_own_last_due_time()
    {
        var due = Schedules(("orders", "*/5 * * * *", "C0DRILLS")).All.Single().DueTimes;
        var exactly = new DateTimeOffset(2026, 12, 3, 10, 45, 0, TimeSpan.Zero);

        Assert.Equal(exactly, due.LastAtOrBefore(exactly));
        Assert.Equal(exactly.AddMinutes(5), due.NextAfter(exactly));
    }

    [Fact]
    public void Twice_a_year_reaches_back_months_for_the_last_due_time_in_utc()
    {
        var due = Schedules(("orders", "0 3 1 1,7 *", "C0DRILLS")).All.Single().DueTimes;

        Assert.Equal(new DateTimeOffset(2026, 7, 1, 3, 0, 0, TimeSpan.Zero), due.LastAtOrBefore(At));
        Assert.Equal(new DateTimeOffset(2027, 1, 1, 3, 0, 0, TimeSpan.Zero), due.NextAfter(At.ToOffset(TimeSpan.FromHours(2))));
    }

    [Fact]
    public void Databases_without_a_schedule_are_not_drilled_on_one()
    {
        var schedules = Schedules(("orders", "0 3 * * 1", "C0DRILLS"), ("billing", null, null));

        var only = Assert.Single(schedules.All);
        Assert.Equal(("orders", "C0DRILLS"), (only.Database, only.Channel));
    }

    [Fact]
    public void Start_up_names_a_bad_expression_and_a_missing_channel_by_their_keys()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Schedules(("orders", "every tuesday", "C0DRILLS"), ("billing", "0 3 * * 1", null)));

        Assert.Contains(error.Failures, f => f.StartsWith("Pitr:Databases:orders:Drills:Schedule: 'every tuesday' is not a cron expression", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.StartsWith("Pitr:Databases:billing:Drills:Channel: required", StringComparison.Ordinal));
    }

    private static ConfiguredDrillSchedules Schedules(params (string Database, string? Schedule, string? Channel)[] databases)
    {
        var settings = new Dictionary<string, string?>();
        foreach (var (database, schedule, channel) in databases)
        {
            settings[$"Pitr:Databases:{database}:Engine"] = "local";
            settings[$"Pitr:Databases:{database}:Drills:Schedule"] = schedule;
            settings[$"Pitr:Databases:{database}:Drills:Channel"] = channel;
        }

        return new ConfiguredDrillSchedules(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
    }
}
