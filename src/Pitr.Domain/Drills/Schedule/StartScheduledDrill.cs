using Mediator;
using Pitr.Domain.Drills.Start;
using Pitr.Domain.Ports;
using Pitr.Domain.Recoveries;

namespace Pitr.Domain.Drills.Schedule;

/// <summary>
/// The drill <paramref name="Schedule"/> calls for at <paramref name="Due"/>: started once across every replica
/// sharing the store, never beside another recovery of the database.
/// </summary>
public sealed record StartScheduledDrill(DrillSchedule Schedule, DateTimeOffset Due) : ICommand<ScheduledDrill>;

public enum ScheduledDrillStatus
{
    /// <summary>This replica claimed the due time and started its drill.</summary>
    Started,

    /// <summary>The due time was claimed before, here or by another replica: nothing to do.</summary>
    Claimed,

    /// <summary>A recovery or drill holds the database: the due time stays unclaimed and is tried again.</summary>
    Deferred,

    /// <summary>Claimed, but the drill could not start (the engine refused): the due time is spent, the refusal says why.</summary>
    Refused,
}

/// <param name="Result">The started drill, or why it could not start; null when nothing was asked.</param>
public sealed record ScheduledDrill(ScheduledDrillStatus Status, RecoveryResult? Result = null);

public sealed class StartScheduledDrillHandler(IDrillClaims claims, IRecoveryStore store, ISender sender, TimeProvider clock)
    : ICommandHandler<StartScheduledDrill, ScheduledDrill>
{
    public async ValueTask<ScheduledDrill> Handle(StartScheduledDrill command, CancellationToken cancellationToken)
    {
        var (schedule, due) = (command.Schedule, command.Due);

        // Checked before claiming, so that a due time met by a busy database is not spent on it.
        if (await store.FindActiveAsync(schedule.Database, cancellationToken) is not null)
        {
            return new ScheduledDrill(ScheduledDrillStatus.Deferred);
        }

        if (!await claims.TryClaimAsync(schedule.Database, due, clock.GetUtcNow(), cancellationToken))
        {
            return new ScheduledDrill(ScheduledDrillStatus.Claimed);
        }

        RecoveryResult started;
        try
        {
            started = await sender.Send(new StartDrill(schedule.Database, Actor.Scheduler, schedule.Channel), cancellationToken);
        }
        catch
        {
            // The engine or the store failed (or the bot is stopping): the due time is not spent, the next tick tries again.
            await claims.ReleaseAsync(schedule.Database, due, CancellationToken.None);
            throw;
        }

        if (started.Why is AlreadyActive)
        {
            // Someone started a recovery between the look and the claim.
            await claims.ReleaseAsync(schedule.Database, due, cancellationToken);
            return new ScheduledDrill(ScheduledDrillStatus.Deferred, started);
        }

        return new ScheduledDrill(started.Succeeded ? ScheduledDrillStatus.Started : ScheduledDrillStatus.Refused, started);
    }
}
