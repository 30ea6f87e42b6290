using Mediator;
using Pitr.Domain.Ports;
using Pitr.Domain.Recoveries.Events;

namespace Pitr.Domain.Recoveries.Audit;

/// <summary>
/// Records a request refused before it reached a recovery (an allowed person in a channel that is not allowed): audited
/// on that recovery, changing nothing. An id naming no recovery records nothing: the trail is append-only, so whatever
/// anyone types must not grow it.
/// </summary>
public sealed record RecordRefusal(string RecoveryId, Actor By, string Request, string Reason) : ICommand<Unit>;

public sealed class RecordRefusalHandler(IRecoveryStore store, TimeProvider clock) : ICommandHandler<RecordRefusal, Unit>
{
    public async ValueTask<Unit> Handle(RecordRefusal command, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(command.RecoveryId, cancellationToken) is not { State: var state })
        {
            return Unit.Value;
        }

        await store.AppendAuditAsync(new AuditEntry(command.RecoveryId, clock.GetUtcNow(), command.By, state, state, new NotAdmitted(command.Request, command.Reason)), cancellationToken);
        return Unit.Value;
    }
}
