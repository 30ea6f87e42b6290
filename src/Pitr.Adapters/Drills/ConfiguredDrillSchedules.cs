using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Pitr.Adapters.Configuration;
using Pitr.Domain.Ports;

namespace Pitr.Adapters.Drills;

/// <summary>
/// The schedules of <c>Pitr:Databases:NAME:Drills</c>: <c>Schedule</c> (cron, UTC) and <c>Channel</c> (where the
/// drills are told). Every mistake is said at start-up, with its key.
/// </summary>
public sealed class ConfiguredDrillSchedules : IDrillSchedules
{
    public const string ScheduleKey = "Drills:Schedule";
    public const string ChannelKey = "Drills:Channel";

    public ConfiguredDrillSchedules(IConfiguration configuration)
    {
        var schedules = new List<DrillSchedule>();
        var failures = new List<string>();
        foreach (var name in DatabaseSections.Names(configuration))
        {
            if (configuration[DatabaseSections.PathOf(name, ScheduleKey)] is not { Length: > 0 } expression)
            {
                continue;
            }

            var channel = configuration[DatabaseSections.PathOf(name, ChannelKey)];
            if (!CronDueTimes.TryParse(expression, out var dueTimes))
            {
                failures.Add($"{DatabaseSections.PathOf(name, ScheduleKey)}: '{expression}' is not a cron expression; write five fields in UTC, e.g. '0 3 1 */3 *' (03:00 on the first day of every third month).");
            }
            else if (string.IsNullOrWhiteSpace(channel))
            {
                failures.Add($"{DatabaseSections.PathOf(name, ChannelKey)}: required with a schedule; name the channel the drill reports go to (a Slack channel id such as C0DRILLS).");
            }
            else
            {
                schedules.Add(new DrillSchedule(name, expression, channel, dueTimes!));
            }
        }

        if (failures.Count > 0)
        {
            throw new OptionsValidationException(DatabaseSections.Root, typeof(DrillSchedule), failures);
        }

        All = schedules;
    }

    public IReadOnlyList<DrillSchedule> All { get; }
}
