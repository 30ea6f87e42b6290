using Mediator;
using Pitr.Domain.Recoveries;
using Pitr.Domain.Recoveries.Act;
using Pitr.Domain.Recoveries.Start;

namespace Pitr.Domain.Drills.Start;

/// <summary>
/// A drill that goes on by itself: planned to just before the latest restorable time, confirmed at once by
/// <paramref name="By"/>, finished by the bot once validated, its restore deleted. The terminal, the fleet and the
/// schedule start drills this way; <c>/pitr drill</c> plans one and leaves Confirm to the person.
/// </summary>
public sealed record StartDrill(string? Database, Actor By, string Channel) : ICommand<RecoveryResult>;

public sealed class StartDrillHandler(ISender sender) : ICommandHandler<StartDrill, RecoveryResult>
{
    public async ValueTask<RecoveryResult> Handle(StartDrill command, CancellationToken cancellationToken)
    {
        var planned = await sender.Send(
            new StartRecovery(command.Database, null, command.By, command.Channel, RecoveryMode.Drill, AutoApprove: true), cancellationToken);
        return planned is { Succeeded: true, Recovery: { } drill }
            ? await sender.Send(new ActOnRecovery(drill.Id, new PersonAction(RecoveryTrigger.Confirm, command.By)), cancellationToken)
            : planned;
    }
}
