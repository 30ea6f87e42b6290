using System.Collections.Concurrent;
using Pitr.Domain.Ports;
using Pitr.Domain.Recoveries;
using Pitr.Domain.Recoveries.Events;

namespace Pitr.Domain.Announcements;

/// <summary>
/// Tells the incident channel what the audit trail holds and the thread does not yet: the header
/// first (once per recovery, whatever races), then one message per entry in trail order, each
/// recorded as told before the next. A delivery that fails stops there and is resumed on the next call.
/// </summary>
public sealed class RecoveryAnnouncer(IRecoveryStore store, IThreadLog threads, IIncidentChannel channel, RecoveryRules rules, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> gates = new();

    public async ValueTask DeliverAsync(string recoveryId, CancellationToken cancellationToken)
    {
        var gate = gates.GetOrAdd(recoveryId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            await DeliverLockedAsync(recoveryId, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Posts how each workload's rollout is going under the recovery's header, when it has one.</summary>
    public async ValueTask ProgressAsync(string recoveryId, IReadOnlyDictionary<string, string> workloads, CancellationToken cancellationToken)
    {
        if (await threads.FindAsync(recoveryId, channel.Name, cancellationToken) is { Header: { } header })
        {
            await channel.PostProgressAsync(header, recoveryId, workloads, cancellationToken);
        }
    }

    private async Task DeliverLockedAsync(string recoveryId, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(recoveryId, cancellationToken) is not { } snapshot)
        {
            return;
        }

        var trail = await store.GetAuditTrailAsync(recoveryId, cancellationToken);
        var view = new RecoveryView(snapshot, Recovery.Load(snapshot, rules, clock).AvailableActions(), trail, clock.GetUtcNow());
        var thread = await threads.FindAsync(recoveryId, channel.Name, cancellationToken) ?? new RecoveryThread(recoveryId, channel.Name);
        if (thread.Header is null)
        {
            if (await channel.PostHeaderAsync(view, cancellationToken) is not { } posted)
            {
                return;
            }

            thread = thread with { Header = posted };
            await threads.SaveAsync(thread, cancellationToken);
        }

        var header = thread.Header;
        var lastMove = trail.LastOrDefault(e => e.Moved || e.Event is Planned);
        foreach (var entry in trail.Where(e => e.Seq > thread.DeliveredSeq && e.Event is not (Refused or NotAdmitted)))
        {
            if (thread.OpenActions is { } open && entry.Moved)
            {
                var offeredWith = trail.FirstOrDefault(e => e.Seq == thread.OpenActionsSeq);
                if (offeredWith is not null)
                {
                    await channel.CloseActionsAsync(open, view, offeredWith, entry, cancellationToken);
                }

                thread = thread with { OpenActions = null, OpenActionsSeq = 0 };
            }

            // Buttons go on the message that brought the recovery to where it waits for a person, and only while it still waits there.
            var actions = entry == lastMove && RecoveryStates.AwaitsPerson(snapshot.State) && entry.To == snapshot.State ? view.Actions : [];
            var post = await channel.PostInThreadAsync(header, view, entry, actions, cancellationToken);
            if (!post.Delivered)
            {
                await threads.SaveAsync(thread, cancellationToken);
                return;
            }

            thread = actions.Count > 0 && post.Message is { } message
                ? thread with { DeliveredSeq = entry.Seq, OpenActions = message, OpenActionsSeq = entry.Seq }
                : thread with { DeliveredSeq = entry.Seq };
            await threads.SaveAsync(thread, cancellationToken);
        }

        await channel.UpdateHeaderAsync(header, view, cancellationToken);
    }
}
