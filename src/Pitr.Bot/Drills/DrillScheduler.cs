using Mediator;
using Microsoft.Extensions.Options;
using Pitr.Domain.Drills.Schedule;
using Pitr.Domain.Ports;
using Prometheus;

namespace Pitr.Bot.Drills;

/// <summary>
/// Starts the drills the schedules call for. Each tick it takes, per database, the last due time not after now:
/// a due time missed while no bot ran is therefore drilled at the next start (once, however many were missed).
/// Replicas race for each due time through the store, and only the winner starts the drill; a database busy with
/// another recovery or drill keeps its due time until it is free.
/// </summary>
internal sealed partial class DrillScheduler(
    IDrillSchedules schedules,
    ISender sender,
    TimeProvider clock,
    IOptions<DrillOptions> options,
    ILogger<DrillScheduler> logger) : BackgroundService
{
    private static readonly Counter DueTimes = Metrics.CreateCounter(
        "pitr_scheduled_drills_total", "Scheduled drill due times dealt with by this replica: started, claimed by another, refused (the drill could not start) or failed (an error; tried again).",
        "database", "outcome");

    /// <summary>The due time each database has had dealt with (started, or claimed elsewhere), so it is not asked again.</summary>
    private readonly Dictionary<string, DateTimeOffset> settled = new(StringComparer.OrdinalIgnoreCase);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (schedules.All.Count == 0)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            foreach (var schedule in schedules.All)
            {
                await StartDueAsync(schedule, stoppingToken);
            }

            try
            {
                await Task.Delay(options.Value.Tick, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    private async Task StartDueAsync(DrillSchedule schedule, CancellationToken stoppingToken)
    {
        if (schedule.DueTimes.LastAtOrBefore(clock.GetUtcNow()) is not { } due
            || (settled.TryGetValue(schedule.Database, out var done) && done >= due))
        {
            return;
        }

        try
        {
            var outcome = await sender.Send(new StartScheduledDrill(schedule, due), stoppingToken);
            switch (outcome.Status)
            {
                case ScheduledDrillStatus.Started:
                    LogStarted(schedule.Database, due, outcome.Result!.Recovery!.Id);
                    break;
                case ScheduledDrillStatus.Refused:
                    LogRefused(schedule.Database, due, outcome.Result?.Why?.GetType().Name);
                    break;
                case ScheduledDrillStatus.Deferred:
                    LogDeferred(schedule.Database, due);
                    return;
            }

            settled[schedule.Database] = due;
            DueTimes.WithLabels(schedule.Database, outcome.Status.ToString().ToLowerInvariant()).Inc();
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            LogFailed(e, schedule.Database, due, options.Value.Tick);
            DueTimes.WithLabels(schedule.Database, "failed").Inc();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduled drill of {Database} due {Due} started as {RecoveryId}")]
    private partial void LogStarted(string database, DateTimeOffset due, string recoveryId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scheduled drill of {Database} due {Due} could not start: {Refusal}")]
    private partial void LogRefused(string database, DateTimeOffset due, string? refusal);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Scheduled drill of {Database} due {Due} waits: the database is busy")]
    private partial void LogDeferred(string database, DateTimeOffset due);

    [LoggerMessage(Level = LogLevel.Error, Message = "Scheduled drill of {Database} due {Due} failed to start; trying again in {Tick}")]
    private partial void LogFailed(Exception error, string database, DateTimeOffset due, TimeSpan tick);
}
