using Mediator;
using Pitr.Domain.Ports;

namespace Pitr.Domain.Recoveries.Cancel;

/// <summary>The Cancel button on a plan: nothing was restored, nothing is.</summary>
public sealed record CancelRecovery(string RecoveryId, Actor By, string? OfferedInState = null) : ICommand<CommandResult>;

public sealed class CancelRecoveryHandler(PersonActions actions) : ICommandHandler<CancelRecovery, CommandResult>
{
    public ValueTask<CommandResult> Handle(CancelRecovery command, CancellationToken cancellationToken) =>
        actions.ApplyAsync(
            new PersonAction(command.RecoveryId, RecoveryActionKind.Cancel, command.By, command.OfferedInState),
            recovery => recovery.CancelAsync(command.By),
            cancellationToken);
}
