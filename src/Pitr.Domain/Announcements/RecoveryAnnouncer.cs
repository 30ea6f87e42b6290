using System.Collections.Concurrent;
using Pitr.Domain.Ports;
using Pitr.Domain.Recoveries;
using Pitr.Domain.Recoveries.Events;

namespace Pitr.Domain.Announcements;

/// <summary>
/// Tells the incident channel what the audit trail holds and the thread does not yet: the header first
/// (once per recovery, whatever races), then one message per entry in trail order, each recorded as told
/// before the next, and the header on the state where the recovery rests. One teller per thread across
/// replicas (<see cref="IThreadLog.TryClaimAsync"/>). A post is recorded as started before it is sent, so
/// after a crash between the post and its record the channel is asked whether it arrived instead of
/// posting it twice. A delivery that fails stops there and is resumed on the next call.
/// </summary>
public sealed class RecoveryAnnouncer(IRecoveryStore store, IThreadLog threads, IIncidentChannel channel, RecoveryRules rules, TimeProvider clock)
{
    /// <summary>Passes one claim may make for entries appended while it was telling the previous ones.</summary>
    private const int MaxPasses = 5;

    private readonly ConcurrentDictionary<string, SemaphoreSlim> gates = new();

    /// <returns>What is left untold, or <see cref="ThreadBacklog.Busy"/> when another teller holds the thread.</returns>
    public async ValueTask<ThreadBacklog> DeliverAsync(string recoveryId, CancellationToken cancellationToken)
    {
        var gate = gates.GetOrAdd(recoveryId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            await using var claim = await threads.TryClaimAsync(recoveryId, channel.Name, cancellationToken);
            if (claim is null)
            {
                return ThreadBacklog.Busy;
            }

            // Entries appended while this pass ran are told before the claim goes: a replica woken for them found it taken.
            for (var pass = 1; ; pass++)
            {
                var completed = await DeliverClaimedAsync(recoveryId, cancellationToken);
                var backlog = await BacklogAsync(recoveryId, cancellationToken);
                if (!completed || backlog.Pending == 0 || pass == MaxPasses)
                {
                    return backlog;
                }
            }
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

    /// <returns>False when the channel failed and the rest waits for the next delivery.</returns>
    private async Task<bool> DeliverClaimedAsync(string recoveryId, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(recoveryId, cancellationToken) is not { } snapshot || !channel.Hosts(snapshot))
        {
            return true;
        }

        var trail = await store.GetAuditTrailAsync(recoveryId, cancellationToken);
        var view = new RecoveryView(snapshot, Recovery.Load(snapshot, rules, clock).AvailableActions(), trail, clock.GetUtcNow());
        var thread = await threads.FindAsync(recoveryId, channel.Name, cancellationToken) ?? new RecoveryThread(recoveryId, channel.Name);
        if (thread.Header is null)
        {
            if (await PostHeaderAsync(thread, view, cancellationToken) is not { } withHeader)
            {
                return false;
            }

            thread = withHeader;
        }

        var header = thread.Header!;
        var lastMove = trail.LastOrDefault(e => e.Moved || e.Event is Planned);
        foreach (var entry in trail.Where(e => e.Seq > thread.DeliveredSeq && IsTold(e)))
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
            var post = await PostOnceAsync(thread, header, view, entry, actions, cancellationToken);
            if (post is null)
            {
                return false;
            }

            thread = post.Message is { } message && actions.Count > 0
                ? thread with { DeliveredSeq = entry.Seq, PostingSeq = 0, OpenActions = message, OpenActionsSeq = entry.Seq }
                : thread with { DeliveredSeq = entry.Seq, PostingSeq = 0 };
            await threads.SaveAsync(thread, cancellationToken);
        }

        return await ShowStateAsync(thread, view, cancellationToken);
    }

    /// <returns>The thread with its header, or null when the channel could not take (or could not find) it.</returns>
    private async Task<RecoveryThread?> PostHeaderAsync(RecoveryThread thread, RecoveryView view, CancellationToken cancellationToken)
    {
        if (thread.HeaderPostingSince is { } since)
        {
            var lookup = await channel.FindHeaderAsync(view, since, cancellationToken);
            if (!lookup.Answered)
            {
                return null;
            }

            if (lookup.Found is { } found)
            {
                return await SavedAsync(thread with { Header = found, HeaderPostingSince = null }, cancellationToken);
            }
        }
        else
        {
            thread = await SavedAsync(thread with { HeaderPostingSince = clock.GetUtcNow() }, cancellationToken);
        }

        return await channel.PostHeaderAsync(view, cancellationToken) is { } posted
            ? await SavedAsync(thread with { Header = posted, HeaderPostingSince = null }, cancellationToken)
            : null;
    }

    /// <returns>The post, or null when it was not delivered (the started post stays recorded and is looked for next time).</returns>
    private async Task<ThreadPost?> PostOnceAsync(RecoveryThread thread, MessageRef header, RecoveryView view, AuditEntry entry, IReadOnlyList<RecoveryAction> actions, CancellationToken cancellationToken)
    {
        if (thread.PostingSeq == entry.Seq)
        {
            var lookup = await channel.FindInThreadAsync(header, entry, cancellationToken);
            if (!lookup.Answered)
            {
                return null;
            }

            if (lookup.Found is { } found)
            {
                return ThreadPost.Posted(found);
            }
        }
        else
        {
            await threads.SaveAsync(thread with { PostingSeq = entry.Seq }, cancellationToken);
        }

        var post = await channel.PostInThreadAsync(header, view, entry, actions, cancellationToken);
        return post.Delivered ? post : null;
    }

    /// <summary>
    /// Edits the header to the recovery's state. Where the recovery rests the edit is checked and recorded, and
    /// retried until the channel took it: a lost edit there would show a wrong state for good. While it moves
    /// (or waits, with its clock running) paced edits keep the header current.
    /// </summary>
    private async Task<bool> ShowStateAsync(RecoveryThread thread, RecoveryView view, CancellationToken cancellationToken)
    {
        var recovery = view.Recovery;
        if (Rests(recovery.State) && thread.HeaderSettledVersion != recovery.Version)
        {
            // The paced edit first, so that an edit it holds goes out with this state, not an older one.
            await channel.UpdateHeaderAsync(thread.Header!, view, cancellationToken);
            if (!await channel.SettleHeaderAsync(thread.Header!, view, cancellationToken))
            {
                return false;
            }

            await threads.SaveAsync(thread with { HeaderSettledVersion = recovery.Version }, cancellationToken);
        }
        else if (!Ended(recovery.State))
        {
            await channel.UpdateHeaderAsync(thread.Header!, view, cancellationToken);
        }

        return true;
    }

    private async Task<ThreadBacklog> BacklogAsync(string recoveryId, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(recoveryId, cancellationToken) is not { } snapshot || !channel.Hosts(snapshot))
        {
            return ThreadBacklog.Empty;
        }

        var trail = await store.GetAuditTrailAsync(recoveryId, cancellationToken);
        var thread = await threads.FindAsync(recoveryId, channel.Name, cancellationToken);
        var untold = trail.Where(e => e.Seq > (thread?.DeliveredSeq ?? 0) && IsTold(e)).ToList();
        var headerBehind = Rests(snapshot.State) && thread?.HeaderSettledVersion != snapshot.Version;
        var pending = untold.Count + (headerBehind ? 1 : 0);
        DateTimeOffset? since = untold.Count > 0 ? untold[0].At : headerBehind && trail.Count > 0 ? trail[^1].At : null;
        return new ThreadBacklog(true, pending, since);
    }

    private async Task<RecoveryThread> SavedAsync(RecoveryThread thread, CancellationToken cancellationToken)
    {
        await threads.SaveAsync(thread, cancellationToken);
        return thread;
    }

    /// <summary>Nothing happens to the recovery until a person acts, or ever again: the header must show this state.</summary>
    private static bool Rests(RecoveryState state) => Ended(state) || RecoveryStates.AwaitsPerson(state);

    /// <summary>The header's content no longer changes with time.</summary>
    private static bool Ended(RecoveryState state) => RecoveryStates.IsTerminal(state) || state is RecoveryState.Completed;

    /// <summary>Refusals and unadmitted requests stay in the audit trail: the person who made them was answered privately.</summary>
    private static bool IsTold(AuditEntry entry) => entry.Event is not (Refused or NotAdmitted);
}
