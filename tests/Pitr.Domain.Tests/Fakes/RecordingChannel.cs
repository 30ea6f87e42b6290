using Pitr.Domain.Ports;
using Pitr.Domain.Recoveries;
using Pitr.Domain.Recoveries.Events;

namespace Pitr.Domain.Tests.Fakes;

/// <summary>An incident channel that remembers, as typed data, everything it was asked to show.</summary>
public sealed class RecordingChannel : IIncidentChannel
{
    private readonly Lock gate = new();
    private readonly List<RecoveryView> headerPosts = [];
    private readonly List<MessageRef> headerMessages = [];
    private readonly List<HeaderUpdate> headerUpdates = [];
    private readonly List<ThreadEntry> thread = [];
    private readonly List<ClosedActions> closed = [];
    private readonly List<ProgressPost> progress = [];
    private readonly List<(string Channel, AlertCard Card)> alerts = [];
    private int next;

    public string Name { get; init; } = "recording";

    /// <summary>How many of the next header posts fail (answer null), as a channel that cannot be reached does.</summary>
    public int FailNextHeaderPosts { get; set; }

    /// <summary>How many of the next thread posts fail (answer <see cref="ThreadPost.NotDelivered"/>).</summary>
    public int FailNextThreadPosts { get; set; }

    /// <summary>The next thread post of an entry matching this fails once (answers <see cref="ThreadPost.NotDelivered"/>).</summary>
    public Func<AuditEntry, bool>? FailOnceFor { get; set; }

    /// <summary>Which recoveries have a place in this channel (all, unless set).</summary>
    public Func<RecoverySnapshot, bool>? Hosting { get; set; }

    /// <summary>How many of the next final header edits fail (answer false).</summary>
    public int FailNextSettles { get; set; }

    /// <summary>How many of the next look-backs get no answer, as a channel that cannot be reached.</summary>
    public int FailNextLookups { get; set; }

    /// <summary>How many final header edits the channel took.</summary>
    public int Settles { get; private set; }

    /// <summary>How many look-backs were made, header and thread.</summary>
    public int Lookups { get; private set; }

    /// <summary>How long each post takes, so concurrent deliveries overlap.</summary>
    public TimeSpan Latency { get; set; }

    public IReadOnlyList<RecoveryView> HeaderPosts => Copy(headerPosts);

    public IReadOnlyList<HeaderUpdate> HeaderUpdates => Copy(headerUpdates);

    public IReadOnlyList<ThreadEntry> Thread => Copy(thread);

    public IReadOnlyList<ClosedActions> Closed => Copy(closed);

    public IReadOnlyList<ProgressPost> Progress => Copy(progress);

    public IReadOnlyList<(string Channel, AlertCard Card)> Alerts => Copy(alerts);

    /// <summary>The recovery as the header shows it now: the last post or update.</summary>
    public RecoveryView? Header(string recoveryId)
    {
        lock (gate)
        {
            return headerUpdates.LastOrDefault(u => u.View.Recovery.Id == recoveryId)?.View
                ?? headerPosts.LastOrDefault(v => v.Recovery.Id == recoveryId);
        }
    }

    /// <summary>The entries told in the thread of <paramref name="recoveryId"/>, in the order they were told.</summary>
    public IReadOnlyList<ThreadEntry> ThreadOf(string recoveryId)
    {
        lock (gate)
        {
            return [.. thread.Where(t => t.Entry.RecoveryId == recoveryId)];
        }
    }

    /// <summary>The last thread entry that offered buttons.</summary>
    public ThreadEntry LastWithActions(string recoveryId) => ThreadOf(recoveryId).Last(t => t.Actions.Count > 0);

    public bool Hosts(RecoverySnapshot recovery) => Hosting?.Invoke(recovery) ?? true;

    public async ValueTask<MessageRef?> PostHeaderAsync(RecoveryView view, CancellationToken cancellationToken)
    {
        await SlowAsync(cancellationToken);
        lock (gate)
        {
            if (FailNextHeaderPosts > 0)
            {
                FailNextHeaderPosts--;
                return null;
            }

            headerPosts.Add(view);
            headerMessages.Add(NewMessage());
            return headerMessages[^1];
        }
    }

    public async ValueTask UpdateHeaderAsync(MessageRef header, RecoveryView view, CancellationToken cancellationToken)
    {
        await SlowAsync(cancellationToken);
        lock (gate)
        {
            headerUpdates.Add(new HeaderUpdate(header, view));
        }
    }

    public async ValueTask<ThreadPost> PostInThreadAsync(MessageRef header, RecoveryView view, AuditEntry entry, IReadOnlyList<RecoveryAction> actions, CancellationToken cancellationToken)
    {
        await SlowAsync(cancellationToken);
        lock (gate)
        {
            if (FailNextThreadPosts > 0)
            {
                FailNextThreadPosts--;
                return ThreadPost.NotDelivered;
            }

            if (FailOnceFor is { } fails && fails(entry))
            {
                FailOnceFor = null;
                return ThreadPost.NotDelivered;
            }

            var message = NewMessage();
            thread.Add(new ThreadEntry(header, message, entry, actions, view));
            return ThreadPost.Posted(message);
        }
    }

    public ValueTask<bool> SettleHeaderAsync(MessageRef header, RecoveryView view, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (FailNextSettles > 0)
            {
                FailNextSettles--;
                return ValueTask.FromResult(false);
            }

            headerUpdates.Add(new HeaderUpdate(header, view));
            Settles++;
            return ValueTask.FromResult(true);
        }
    }

    /// <summary>Finds what it posted exactly, as Slack does by the metadata the bot puts on its posts.</summary>
    public ValueTask<PostLookup> FindHeaderAsync(RecoveryView view, DateTimeOffset since, CancellationToken cancellationToken) =>
        Lookup(() => headerPosts.FindIndex(v => v.Recovery.Id == view.Recovery.Id) is var i and >= 0 ? headerMessages[i] : null);

    public ValueTask<PostLookup> FindInThreadAsync(MessageRef header, AuditEntry entry, CancellationToken cancellationToken) =>
        Lookup(() => thread.FirstOrDefault(t => t.Header == header && t.Entry.Seq == entry.Seq)?.Message);

    public ValueTask CloseActionsAsync(MessageRef message, RecoveryView view, AuditEntry offeredWith, AuditEntry closedBy, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            closed.Add(new ClosedActions(message, offeredWith, closedBy));
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask PostProgressAsync(MessageRef header, string recoveryId, IReadOnlyDictionary<string, string> workloads, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            progress.Add(new ProgressPost(header, recoveryId, new Dictionary<string, string>(workloads)));
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask<MessageRef?> PostAlertAsync(string channel, AlertCard card, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            alerts.Add((channel, card));
            return ValueTask.FromResult<MessageRef?>(NewMessage() with { Channel = channel });
        }
    }

    public ValueTask ResolveAlertAsync(MessageRef message, AlertCard card, DateTimeOffset resolvedAt, CancellationToken cancellationToken) =>
        ValueTask.CompletedTask;

    private ValueTask<PostLookup> Lookup(Func<MessageRef?> find)
    {
        lock (gate)
        {
            Lookups++;
            if (FailNextLookups > 0)
            {
                FailNextLookups--;
                return ValueTask.FromResult(PostLookup.Unknown);
            }

            return ValueTask.FromResult(find() is { } found ? PostLookup.At(found) : PostLookup.Absent);
        }
    }

    private MessageRef NewMessage() => new("C1", $"{++next}");

    private async ValueTask SlowAsync(CancellationToken cancellationToken)
    {
        if (Latency > TimeSpan.Zero)
        {
            await Task.Delay(Latency, cancellationToken);
        }
    }

    private IReadOnlyList<T> Copy<T>(List<T> items)
    {
        lock (gate)
        {
            return [.. items];
        }
    }
}

public sealed record HeaderUpdate(MessageRef Header, RecoveryView View);

/// <summary>One audit entry told in a recovery's thread, with the buttons it carried.</summary>
public sealed record ThreadEntry(MessageRef Header, MessageRef Message, AuditEntry Entry, IReadOnlyList<RecoveryAction> Actions, RecoveryView View)
{
    public RecoveryEvent Event => Entry.Event;

    public IEnumerable<RecoveryTrigger> Offered => Actions.Select(a => a.Action);
}

/// <summary>The buttons of the message that told <paramref name="OfferedWith"/> were replaced by what <paramref name="ClosedBy"/> did.</summary>
public sealed record ClosedActions(MessageRef Message, AuditEntry OfferedWith, AuditEntry ClosedBy);

public sealed record ProgressPost(MessageRef Header, string RecoveryId, IReadOnlyDictionary<string, string> Workloads);
