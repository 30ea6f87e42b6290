using Mediator;
using Pitr.Domain.Ports;

namespace Pitr.Domain.Recoveries.Reject;

/// <summary>Reject the restored data and restore again to an earlier time; the rejected restore is deleted.</summary>
public sealed record RejectValidation(string RecoveryId, Actor By, string EarlierTarget, string? OfferedInState = null) : ICommand<CommandResult>;

public sealed class RejectValidationHandler(PersonActions actions, RecoveryRepository repository, IDatabaseCatalog catalog, TimeProvider clock)
    : ICommandHandler<RejectValidation, CommandResult>
{
    public async ValueTask<CommandResult> Handle(RejectValidation command, CancellationToken cancellationToken)
    {
        var recovery = await repository.FindAsync(command.RecoveryId, cancellationToken);
        if (recovery is null || catalog.Find(recovery.Snapshot.Database) is not { } binding)
        {
            return CommandResult.Refused($"There is no recovery `{command.RecoveryId}`. `/pitr status` lists the recent ones.");
        }

        var (target, _, error) = await TargetRules.CheckAsync(command.EarlierTarget, recovery.Snapshot.Database, binding.Restorer, clock.GetUtcNow(), cancellationToken);
        if (error is not null)
        {
            return CommandResult.Refused(error, recovery.Snapshot);
        }

        var rejected = recovery.Snapshot.CurrentAttempt.Target;
        if (target >= rejected)
        {
            return CommandResult.Refused($"{TimeFormat.Utc(target)} is not earlier than the rejected target {TimeFormat.Utc(rejected)}. Give an earlier time, e.g. `{TimeFormat.Utc(rejected.AddMinutes(-1))}`.", recovery.Snapshot);
        }

        return await actions.ApplyAsync(
            new PersonAction(command.RecoveryId, RecoveryActionKind.Reject, command.By, command.OfferedInState, target),
            r => r.RejectAsync(command.By, target),
            cancellationToken);
    }
}
