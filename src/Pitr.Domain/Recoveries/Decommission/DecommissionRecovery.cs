using Mediator;
using Pitr.Domain.Ports;

namespace Pitr.Domain.Recoveries.Decommission;

/// <summary><c>/pitr decommission &lt;id&gt;</c>: delete the database a completed recovery replaced, before the retention period ends.</summary>
public sealed record DecommissionRecovery(string RecoveryId, Actor By, string? OfferedInState = null) : ICommand<CommandResult>;

public sealed class DecommissionRecoveryHandler(PersonActions actions) : ICommandHandler<DecommissionRecovery, CommandResult>
{
    public ValueTask<CommandResult> Handle(DecommissionRecovery command, CancellationToken cancellationToken) =>
        actions.ApplyAsync(
            new PersonAction(command.RecoveryId, RecoveryActionKind.Decommission, command.By, command.OfferedInState),
            recovery => recovery.DecommissionAsync(command.By),
            cancellationToken);
}
