namespace Pitr.Domain.Ports;

/// <summary>The databases drilled on a schedule (<c>Pitr:Databases:NAME:Drills</c>).</summary>
public interface IDrillSchedules
{
    IReadOnlyList<DrillSchedule> All { get; }

    DrillSchedule? Find(string database) =>
        All.FirstOrDefault(s => string.Equals(s.Database, database, StringComparison.OrdinalIgnoreCase));
}

/// <summary>When one database is drilled, and where its drills are told.</summary>
/// <param name="Expression">The schedule as configured (cron, UTC).</param>
/// <param name="Channel">Where each drill's thread and report go.</param>
public sealed record DrillSchedule(string Database, string Expression, string Channel, IDueTimes DueTimes);

/// <summary>The instants a schedule names.</summary>
public interface IDueTimes
{
    /// <summary>The first due time after <paramref name="instant"/>; null when the schedule names none.</summary>
    DateTimeOffset? NextAfter(DateTimeOffset instant);

    /// <summary>The last due time at or before <paramref name="instant"/>; null when there was none within reach.</summary>
    DateTimeOffset? LastAtOrBefore(DateTimeOffset instant);
}
