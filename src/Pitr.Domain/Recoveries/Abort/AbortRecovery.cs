using Mediator;
using Pitr.Domain.Ports;

namespace Pitr.Domain.Recoveries.Abort;

/// <summary><c>/pitr abort &lt;id&gt;</c>: stop before cutover; the restored database is deleted.</summary>
public sealed record AbortRecovery(string RecoveryId, Actor By, string? OfferedInState = null) : ICommand<CommandResult>;

public sealed class AbortRecoveryHandler(PersonActions actions) : ICommandHandler<AbortRecovery, CommandResult>
{
    public ValueTask<CommandResult> Handle(AbortRecovery command, CancellationToken cancellationToken) =>
        actions.ApplyAsync(
            new PersonAction(command.RecoveryId, RecoveryActionKind.Abort, command.By, command.OfferedInState),
            recovery => recovery.AbortAsync(command.By),
            cancellationToken);
}
