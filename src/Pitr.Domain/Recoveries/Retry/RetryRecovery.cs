using Mediator;
using Pitr.Domain.Ports;

namespace Pitr.Domain.Recoveries.Retry;

/// <summary>Retry the step a failed recovery stopped in.</summary>
public sealed record RetryRecovery(string RecoveryId, Actor By, string? OfferedInState = null) : ICommand<CommandResult>;

public sealed class RetryRecoveryHandler(PersonActions actions) : ICommandHandler<RetryRecovery, CommandResult>
{
    public ValueTask<CommandResult> Handle(RetryRecovery command, CancellationToken cancellationToken) =>
        actions.ApplyAsync(
            new PersonAction(command.RecoveryId, RecoveryActionKind.Retry, command.By, command.OfferedInState),
            recovery => recovery.RetryAsync(command.By),
            cancellationToken);
}
