using Mediator;
using Pitr.Domain.Ports;
using Pitr.Domain.Recoveries.Events;

namespace Pitr.Domain.Recoveries.Audit;

/// <summary>Records a request refused before it reached a recovery (not an allowed user or channel): refusals are audited and change nothing.</summary>
public sealed record RecordRefusal(string RecoveryId, Actor By, string Request, string Reason) : ICommand<Unit>;

public sealed class RecordRefusalHandler(IRecoveryStore store, TimeProvider clock) : ICommandHandler<RecordRefusal, Unit>
{
    public async ValueTask<Unit> Handle(RecordRefusal command, CancellationToken cancellationToken)
    {
        var state = (await store.FindAsync(command.RecoveryId, cancellationToken))?.State ?? RecoveryState.Requested;
        await store.AppendAuditAsync(new AuditEntry(command.RecoveryId, clock.GetUtcNow(), command.By, state, state, new NotAdmitted(command.Request, command.Reason)), cancellationToken);
        return Unit.Value;
    }
}
