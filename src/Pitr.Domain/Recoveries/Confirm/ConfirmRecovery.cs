using Mediator;
using Pitr.Domain.Ports;

namespace Pitr.Domain.Recoveries.Confirm;

/// <summary>The Confirm button: start restoring the planned attempt.</summary>
public sealed record ConfirmRecovery(string RecoveryId, Actor By, string? OfferedInState = null) : ICommand<CommandResult>;

public sealed class ConfirmRecoveryHandler(PersonActions actions) : ICommandHandler<ConfirmRecovery, CommandResult>
{
    public ValueTask<CommandResult> Handle(ConfirmRecovery command, CancellationToken cancellationToken) =>
        actions.ApplyAsync(
            new PersonAction(command.RecoveryId, RecoveryActionKind.Confirm, command.By, command.OfferedInState),
            recovery => recovery.ConfirmAsync(command.By),
            cancellationToken);
}
