using Mediator;
using Pitr.Domain.Ports;

namespace Pitr.Domain.Recoveries.Rollback;

/// <summary><c>/pitr rollback &lt;id&gt;</c>: restore the previous secret version and restart the workloads onto the original database.</summary>
public sealed record RollbackRecovery(string RecoveryId, Actor By, string? Reason = null, string? OfferedInState = null) : ICommand<CommandResult>;

public sealed class RollbackRecoveryHandler(PersonActions actions) : ICommandHandler<RollbackRecovery, CommandResult>
{
    public ValueTask<CommandResult> Handle(RollbackRecovery command, CancellationToken cancellationToken) =>
        actions.ApplyAsync(
            new PersonAction(command.RecoveryId, RecoveryActionKind.Rollback, command.By, command.OfferedInState),
            recovery => recovery.RollbackAsync(command.By, command.Reason ?? $"rollback requested by {command.By}"),
            cancellationToken);
}
