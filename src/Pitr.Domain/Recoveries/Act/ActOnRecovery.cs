using Mediator;
using Pitr.Domain.Ports;
using Pitr.Domain.Recoveries.Events;
using Pitr.Domain.Recoveries.Lineage;

namespace Pitr.Domain.Recoveries.Act;

/// <summary>
/// A person acts on a recovery: Confirm, Cancel, Approve, Reject, Abort, Retry, Rollback or Decommission,
/// from a button, a slash command or a terminal. Four-eyes and every other rule are the machine's guards.
/// </summary>
/// <param name="OfferedIn">The state the button was rendered in; a click from an older state is refused as stale. Null for typed commands.</param>
public sealed record ActOnRecovery(string RecoveryId, PersonAction Act, RecoveryState? OfferedIn = null) : ICommand<RecoveryResult>, IRecoveryMessage;

public sealed class ActOnRecoveryHandler(RecoveryUnitOfWork work, IRecoveryStore store, IDatabaseCatalog catalog, TimeProvider clock)
    : ICommandHandler<ActOnRecovery, RecoveryResult>
{
    public async ValueTask<RecoveryResult> Handle(ActOnRecovery command, CancellationToken cancellationToken)
    {
        var act = command.Act;
        var result = await work.RunAsync(command.RecoveryId, async recovery =>
        {
            if (recovery.WhyNot(act.Action, act.By, command.OfferedIn, act.Target) is { } why)
            {
                return why;
            }

            if (act.Target is { } target && await OutsideWindowAsync(recovery, target, cancellationToken) is { } outside)
            {
                return outside;
            }

            if (act.Action == RecoveryTrigger.Rollback && await ElsewhereAsync(recovery.Snapshot, cancellationToken) is { } elsewhere)
            {
                return elsewhere;
            }

            await recovery.ActAsync(act);
            return null;
        }, cancellationToken);

        if (result is { Status: ResultStatus.Refused or ResultStatus.Conflict, Recovery: { } refused, Why: { } reason })
        {
            await store.AppendAuditAsync(new AuditEntry(refused.Id, clock.GetUtcNow(), act.By, refused.State, refused.State, new Refused(act.Action, reason)), cancellationToken);
        }

        return result;
    }

    /// <summary>A completed recovery is rolled back only while production still runs on its restore.</summary>
    private async ValueTask<Refusal?> ElsewhereAsync(RecoverySnapshot recovery, CancellationToken cancellationToken)
    {
        if (recovery.State != RecoveryState.Completed)
        {
            return null;
        }

        var production = await ProductionLineage.FindAsync(store, recovery.Database, cancellationToken);
        var restore = recovery.CurrentAttempt.Identifier;
        return production?.RunsOn == restore ? null : new ProductionElsewhere(recovery.Id, restore, production);
    }

    /// <summary>A new target (Reject) must be restorable from the same source, like the first one.</summary>
    private async ValueTask<Refusal?> OutsideWindowAsync(Recovery recovery, RecoveryTarget target, CancellationToken cancellationToken)
    {
        var database = recovery.Snapshot.Database;
        if (catalog.Find(database) is not { } binding)
        {
            return new UnknownDatabase(database, catalog.Names);
        }

        var (_, why) = await TargetRules.CheckAsync(target, database, binding.Restorer.From(recovery.Snapshot.SourceIdentifier), clock.GetUtcNow(), cancellationToken);
        return why;
    }
}
