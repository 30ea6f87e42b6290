using Mediator;
using Pitr.Domain.Ports;

namespace Pitr.Domain.Recoveries.Approve;

/// <summary>Approve cutover (or finish a drill). Four-eyes: the approver must differ from the initiator unless configured otherwise.</summary>
public sealed record ApproveCutover(string RecoveryId, Actor By, string? OfferedInState = null) : ICommand<CommandResult>;

public sealed class ApproveCutoverHandler(PersonActions actions) : ICommandHandler<ApproveCutover, CommandResult>
{
    public ValueTask<CommandResult> Handle(ApproveCutover command, CancellationToken cancellationToken) =>
        actions.ApplyAsync(
            new PersonAction(command.RecoveryId, RecoveryActionKind.Approve, command.By, command.OfferedInState),
            recovery => recovery.ApproveAsync(command.By),
            cancellationToken);
}
