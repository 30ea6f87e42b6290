using Pitr.Domain.Ports;

namespace Pitr.Domain.Recoveries;

/// <summary>Tells the incident channel what a saved change did: header first, then one thread message per step.</summary>
public sealed class RecoveryAnnouncer(IIncidentChannel channel, IRecoveryStore store, RecoveryRepository repository, TimeProvider clock)
{
    public async ValueTask AnnounceAsync(Recovery recovery, IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var header = recovery.Snapshot.Header;
        if (header is null)
        {
            header = await channel.PostHeaderAsync(RecoveryMessages.Header(recovery, now), cancellationToken);
            if (header is null)
            {
                return;
            }

            recovery = await repository.UpdateAsync(recovery.Id, r => r.HeaderPosted(header), cancellationToken) ?? recovery;
        }

        var trail = entries.Any(e => e.To is RecoveryState.Completed)
            ? await store.GetAuditTrailAsync(recovery.Id, cancellationToken)
            : entries;
        var actionMessage = recovery.Snapshot.ActionMessage;
        var actionContent = recovery.Snapshot.ActionMessageContent;
        var actionsChanged = false;
        foreach (var entry in entries)
        {
            if (actionMessage is not null && actionContent is not null && Moves(entry))
            {
                var outcome = Enum.TryParse<RecoveryTrigger>(entry.Action, out var trigger) && RecoveryActions.IsPersonTrigger(trigger)
                    ? recovery.Snapshot.LastAction ?? $"{entry.Action} by {entry.Actor}"
                    : $"Moved on: now {entry.To}";
                await channel.CloseActionsAsync(actionMessage, actionContent, outcome, cancellationToken);
                (actionMessage, actionContent, actionsChanged) = (null, null, true);
            }

            if (RecoveryMessages.For(entry, recovery, trail, now) is not { } message)
            {
                continue;
            }

            var posted = await channel.PostInThreadAsync(header, message, cancellationToken);
            if (message.Actions is { Count: > 0 } && posted is not null)
            {
                (actionMessage, actionContent, actionsChanged) = (posted, message, true);
            }
        }

        if (actionsChanged)
        {
            recovery = await repository.UpdateAsync(recovery.Id, r => r.ActionsPosted(actionMessage, actionContent), cancellationToken) ?? recovery;
        }

        await channel.UpdateHeaderAsync(header, RecoveryMessages.Header(recovery, now), cancellationToken);
    }

    private static bool Moves(AuditEntry entry) => entry.From != entry.To || entry.Action == nameof(RecoveryTrigger.Retry);
}
