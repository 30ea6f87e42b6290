using Pitr.Domain.Ports;

namespace Pitr.Domain.Recoveries;

/// <summary>A person's action on a recovery: the button they clicked or the command they typed.</summary>
/// <param name="OfferedInState">The state the button was rendered in; a click from an older state is refused as stale.</param>
public sealed record PersonAction(string RecoveryId, RecoveryActionKind Kind, Actor By, string? OfferedInState = null, DateTimeOffset? Target = null);

/// <summary>
/// Applies a person's action: refuses it with a reason when the machine does not permit it now (or the
/// button is stale), otherwise fires, saves with a version check and announces. A lost race is retried
/// on the fresh state, so the second of two simultaneous clicks is told what the first one did.
/// </summary>
public sealed class PersonActions(RecoveryRepository repository, RecoveryAnnouncer announcer, IRecoveryStore store, TimeProvider clock)
{
    public async ValueTask<CommandResult> ApplyAsync(PersonAction action, Func<Recovery, Task> apply, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var recovery = await repository.FindAsync(action.RecoveryId, cancellationToken);
            if (recovery is null)
            {
                return CommandResult.Refused($"There is no recovery `{action.RecoveryId}`. `/pitr status` lists the recent ones.");
            }

            if (Refusal(recovery, action) is { } refusal)
            {
                await store.AppendAuditAsync(new AuditEntry(recovery.Id, clock.GetUtcNow(), action.By, $"{action.Kind}Refused", recovery.State, recovery.State, refusal), cancellationToken);
                return CommandResult.Refused(refusal, recovery.Snapshot);
            }

            await apply(recovery);
            var entries = recovery.PendingAudit.ToList();
            try
            {
                await repository.SaveAsync(recovery, cancellationToken);
            }
            catch (ConcurrencyConflictException) when (attempt < 3)
            {
                continue;
            }

            await announcer.AnnounceAsync(recovery, entries, cancellationToken);
            return CommandResult.Done($"{recovery.Snapshot.LastAction}. Recovery `{recovery.Id}` is now {recovery.State}.", recovery.Snapshot);
        }
    }

    private static string? Refusal(Recovery recovery, PersonAction action)
    {
        var last = recovery.Snapshot.LastAction is { } done ? $" ({done})" : "";
        if (action.OfferedInState is { } offered && offered != recovery.State.ToString())
        {
            return $"That button was for the {offered} step; recovery `{recovery.Id}` has moved on and is now {recovery.State}{last}. Nothing was changed.";
        }

        return recovery.WhyNot(action.Kind, action.By, action.Target) is { } why
            ? $"{why} Recovery `{recovery.Id}` is {recovery.State}{last}. Nothing was changed."
            : null;
    }
}
