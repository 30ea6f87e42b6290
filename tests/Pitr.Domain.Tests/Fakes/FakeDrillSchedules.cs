using Pitr.Domain.Ports;

namespace Pitr.Domain.Tests.Fakes;

/// <summary>Drill schedules as given, each due at a fixed interval from midnight UTC.</summary>
public sealed class FakeDrillSchedules(params DrillSchedule[] schedules) : IDrillSchedules
{
    public IReadOnlyList<DrillSchedule> All { get; } = schedules;

    public static DrillSchedule Every(TimeSpan interval, string database = "orders", string channel = "C0DRILLS") =>
        new(database, $"every {interval}", channel, new EveryInterval(interval));

    private sealed class EveryInterval(TimeSpan interval) : IDueTimes
    {
        public DateTimeOffset? NextAfter(DateTimeOffset instant) => LastAtOrBefore(instant) + interval;

        public DateTimeOffset? LastAtOrBefore(DateTimeOffset instant) =>
            new DateTimeOffset(instant.UtcTicks - (instant.UtcTicks % interval.Ticks), TimeSpan.Zero);
    }
}
