using Pitr.Domain.Recoveries;

namespace Pitr.Domain.Ports;

/// <summary>Where people follow a recovery: one header message updated in place, every step in its thread.</summary>
/// <remarks>
/// The channel decides the words; the domain hands it typed entries. Implementations retry and log
/// their own failures and never throw for them: a failed delivery answers null (or
/// <see cref="ThreadPost.NotDelivered"/>) and is tried again later.
/// </remarks>
public interface IIncidentChannel
{
    /// <summary>The channel's name, under which it keeps its threads.</summary>
    string Name { get; }

    /// <summary>Whether the recovery has a place in this channel at all; one that has none is never told here, nor pending.</summary>
    bool Hosts(RecoverySnapshot recovery) => true;

    ValueTask<MessageRef?> PostHeaderAsync(RecoveryView view, CancellationToken cancellationToken);

    ValueTask UpdateHeaderAsync(MessageRef header, RecoveryView view, CancellationToken cancellationToken);

    /// <summary>Tells one audit entry in the thread, with <paramref name="actions"/> as buttons.</summary>
    ValueTask<ThreadPost> PostInThreadAsync(MessageRef header, RecoveryView view, AuditEntry entry, IReadOnlyList<RecoveryAction> actions, CancellationToken cancellationToken);

    /// <summary>Replaces the buttons of the message that told <paramref name="offeredWith"/> with what became of them.</summary>
    ValueTask CloseActionsAsync(MessageRef message, RecoveryView view, AuditEntry offeredWith, AuditEntry closedBy, CancellationToken cancellationToken);

    /// <summary>
    /// Edits the header at once, unpaced, when the recovery comes to rest (ended, or waiting for a person):
    /// answers whether the channel took it, so that state is retried until it shows.
    /// </summary>
    async ValueTask<bool> SettleHeaderAsync(MessageRef header, RecoveryView view, CancellationToken cancellationToken)
    {
        await UpdateHeaderAsync(header, view, cancellationToken);
        return true;
    }

    /// <summary>
    /// Looks for the header of <paramref name="view"/>'s recovery posted since <paramref name="since"/>, whose
    /// post may have arrived just before a crash. A channel that cannot look back answers absent: its header is
    /// told again (at least once).
    /// </summary>
    ValueTask<PostLookup> FindHeaderAsync(RecoveryView view, DateTimeOffset since, CancellationToken cancellationToken) =>
        ValueTask.FromResult(PostLookup.Absent);

    /// <summary>Looks in the thread for the message that told <paramref name="entry"/>; as <see cref="FindHeaderAsync"/>.</summary>
    ValueTask<PostLookup> FindInThreadAsync(MessageRef header, AuditEntry entry, CancellationToken cancellationToken) =>
        ValueTask.FromResult(PostLookup.Absent);

    /// <summary>How each workload's rollout is going; best effort.</summary>
    ValueTask PostProgressAsync(MessageRef header, string recoveryId, IReadOnlyDictionary<string, string> workloads, CancellationToken cancellationToken);

    /// <summary>Posts an alert with a suggested recovery point and a "Start recovery…" button; nothing starts until a person confirms.</summary>
    ValueTask<MessageRef?> PostAlertAsync(string channel, AlertCard card, CancellationToken cancellationToken);

    /// <summary>Marks a posted alert as resolved and removes its button.</summary>
    ValueTask ResolveAlertAsync(MessageRef message, AlertCard card, DateTimeOffset resolvedAt, CancellationToken cancellationToken);
}

/// <summary>What a thread post came to: delivered (with the message when one was posted), or not delivered and to be tried again.</summary>
public sealed record ThreadPost(bool Delivered, MessageRef? Message)
{
    public static readonly ThreadPost NotDelivered = new(false, null);
    public static readonly ThreadPost NothingToSay = new(true, null);

    public static ThreadPost Posted(MessageRef message) => new(true, message);
}

/// <summary>What a look back in the channel found: the message, nothing, or no answer (channel unreachable: ask again later).</summary>
public sealed record PostLookup(bool Answered, MessageRef? Found)
{
    public static readonly PostLookup Absent = new(true, null);
    public static readonly PostLookup Unknown = new(false, null);

    public static PostLookup At(MessageRef message) => new(true, message);
}

/// <summary>A recovery as the channel shows it: its state, the buttons it offers now, and its trail for reports.</summary>
public sealed record RecoveryView(RecoverySnapshot Recovery, IReadOnlyList<RecoveryAction> Actions, IReadOnlyList<AuditEntry> Trail, DateTimeOffset Now);

/// <param name="GroupKey">The alerting system's group key: one message per group.</param>
/// <param name="SuggestionSource">Where the suggested target came from ("history: DROP TABLE orders committed at …", "alert start − 2m").</param>
public sealed record AlertCard(
    string GroupKey,
    string AlertName,
    string Database,
    string Summary,
    DateTimeOffset StartsAt,
    RestorableWindow? Window,
    DateTimeOffset SuggestedTarget,
    string SuggestionSource);

/// <param name="Channel">The channel id (or "console").</param>
/// <param name="Ts">The message's timestamp id within the channel.</param>
public sealed record MessageRef(string Channel, string Ts);
