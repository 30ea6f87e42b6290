using Mediator;
using Pitr.Domain.Ports;
using Pitr.Domain.Recoveries.Lineage;

namespace Pitr.Domain.Recoveries.Start;

/// <summary>
/// <c>start &lt;time&gt; [db]</c> or <c>drill [db]</c>: checks the target and shows the plan; nothing is restored until Confirm.
/// One recovery per database at a time, except that a recovery aborts a drill in its way.
/// </summary>
/// <param name="Target">The time as parsed where it was typed; a drill without one lands just before the latest restorable time.</param>
public sealed record StartRecovery(
    string? Database,
    RecoveryTarget? Target,
    Actor By,
    string Channel,
    RecoveryMode Mode = RecoveryMode.Recovery,
    DateTimeOffset? IncidentAt = null,
    bool AutoApprove = false) : ICommand<RecoveryResult>;

public sealed class StartRecoveryHandler(
    IDatabaseCatalog catalog,
    IRecoveryStore store,
    RecoveryUnitOfWork work,
    RecoveryRules rules,
    TimeProvider clock) : ICommandHandler<StartRecovery, RecoveryResult>
{
    public async ValueTask<RecoveryResult> Handle(StartRecovery command, CancellationToken cancellationToken)
    {
        var database = command.Database ?? catalog.DefaultDatabase;
        if (catalog.Find(database) is not { } configured)
        {
            return RecoveryResult.Refused(new UnknownDatabase(database, catalog.Names));
        }

        var active = await store.FindActiveAsync(database, cancellationToken);
        if (active is not null && (command.Mode == RecoveryMode.Drill || !active.IsDrill))
        {
            return Busy(active.Id, database, active);
        }

        // After a cutover the application runs on the restored database: restore from it, not from the one it left.
        var (binding, lineage) = await ProductionLineage.BindAsync(store, configured, cancellationToken);
        var id = RecoveryIds.New();
        var (target, window, why) = command.Target is { } typed
            ? await CheckedAsync(typed, database, binding, cancellationToken)
            : command.Mode == RecoveryMode.Drill
                ? await DrillTargetAsync(id, binding, cancellationToken)
                : (RecoveryTarget.At(default), null, new InvalidTarget(null, TargetProblem.Missing));
        if (why is not null || window is null)
        {
            return RecoveryResult.Refused(why ?? new InvalidTarget(null, TargetProblem.Missing));
        }

        // Only a recovery that can go ahead aborts the drill in its way.
        if (active is not null && await YieldAsync(active, id, command.By, cancellationToken) is not null)
        {
            return Busy(active.Id, database, active);
        }

        var source = await binding.Restorer.DescribeSourceAsync(cancellationToken);
        var recovery = Recovery.Plan(
            new RecoveryPlan(id, database, command.Mode, target, command.By, command.Channel, window, source.Identifier, command.IncidentAt, command.AutoApprove, lineage)
            {
                ExpectedDifferences = source.ExpectedDifferences,
                MarkerProof = command.Target is null && command.Mode == RecoveryMode.Drill && binding.Markers is not null,
                AbortedDrill = active?.Id,
            },
            rules, clock);
        try
        {
            await work.AddAsync(recovery, cancellationToken);
        }
        catch (RecoveryAlreadyActiveException e)
        {
            return Busy(e.ActiveRecoveryId, database, await store.FindAsync(e.ActiveRecoveryId, cancellationToken));
        }

        return RecoveryResult.Done(recovery.Snapshot);
    }

    /// <summary>A real incident always wins over a drill: the drill is aborted, its restore deleted, and the recovery goes ahead.</summary>
    private async ValueTask<Refusal?> YieldAsync(RecoverySnapshot drill, string recoveryId, Actor by, CancellationToken cancellationToken)
    {
        var result = await work.RunAsync(drill.Id, recovery => recovery.YieldToAsync(recoveryId, by), cancellationToken);
        return result.Succeeded || (result.Recovery is { } now && !RecoveryStates.BlocksNewRecovery(now.State)) ? null : result.Why;
    }

    private static RecoveryResult Busy(string id, string database, RecoverySnapshot? active) =>
        RecoveryResult.Refused(new AlreadyActive(id, database, active?.State ?? RecoveryState.Requested, active?.Initiator ?? Actor.Bot), active);

    private async ValueTask<(RecoveryTarget, RestorableWindow?, Refusal?)> CheckedAsync(
        RecoveryTarget target, string database, DatabaseBinding binding, CancellationToken cancellationToken)
    {
        var (window, why) = await TargetRules.CheckAsync(target, database, binding.Restorer, clock.GetUtcNow(), cancellationToken);
        return (target, window, why);
    }

    private async ValueTask<(RecoveryTarget, RestorableWindow?, Refusal?)> DrillTargetAsync(string id, DatabaseBinding binding, CancellationToken cancellationToken)
    {
        if (binding.Markers is { } proof)
        {
            return await MarkerTarget.PlaceAsync(id, binding, proof, clock, cancellationToken);
        }

        var window = await binding.Restorer.GetRestorableWindowAsync(cancellationToken);
        var target = window.Latest - binding.Policy.DrillLag;
        return (RecoveryTarget.At(target < window.Earliest ? window.Latest : target), window, null);
    }
}
