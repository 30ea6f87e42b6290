namespace Pitr.Domain.Ports;

/// <summary>Where people follow a recovery: one header message updated in place, every step in its thread.</summary>
/// <remarks>
/// Delivery is best effort: implementations retry and log their own failures and never throw for
/// them, because a chat outage must not stop a recovery.
/// </remarks>
public interface IIncidentChannel
{
    ValueTask<MessageRef?> PostHeaderAsync(RecoveryHeader header, CancellationToken cancellationToken);

    ValueTask UpdateHeaderAsync(MessageRef header, RecoveryHeader content, CancellationToken cancellationToken);

    /// <returns>The posted message, so that its buttons can be replaced once used.</returns>
    ValueTask<MessageRef?> PostInThreadAsync(MessageRef header, ThreadMessage message, CancellationToken cancellationToken);

    /// <summary>Replaces a message's buttons with a line saying what became of them ("Approved by @bob").</summary>
    ValueTask CloseActionsAsync(MessageRef message, ThreadMessage original, string outcome, CancellationToken cancellationToken);

    /// <summary>Posts an alert with a suggested recovery point and a "Start recovery…" button; nothing starts until a person confirms.</summary>
    ValueTask<MessageRef?> PostAlertAsync(string channel, AlertCard card, CancellationToken cancellationToken);

    /// <summary>Marks a posted alert as resolved and removes its button.</summary>
    ValueTask ResolveAlertAsync(MessageRef message, AlertCard card, DateTimeOffset resolvedAt, CancellationToken cancellationToken);
}

/// <param name="GroupKey">The alerting system's group key: one message per group.</param>
/// <param name="SuggestionSource">Where the suggested target came from ("WAL: DROP TABLE orders at …", "alert start − 2m").</param>
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

/// <summary>Everything the header shows; rendered anew on every change.</summary>
public sealed record RecoveryHeader(
    string RecoveryId,
    string Database,
    bool Drill,
    string State,
    DateTimeOffset Target,
    int Attempt,
    string Initiator,
    DateTimeOffset RequestedAt,
    TimeSpan Elapsed,
    string? LastAction,
    string? Problem,
    IReadOnlyList<RecoveryAction> Actions);

/// <param name="Table">Optional rows rendered as a compact table (validation, rollout, health).</param>
/// <param name="Actions">Buttons, only for what the recovery permits now.</param>
public sealed record ThreadMessage(
    string RecoveryId,
    string Text,
    IReadOnlyList<TableRow>? Table = null,
    IReadOnlyList<RecoveryAction>? Actions = null);

public sealed record TableRow(string Name, bool Ok, string Observed, string Expected);

/// <summary>A button: what a person may do now, and the state it was offered in (stale clicks are refused).</summary>
public sealed record RecoveryAction(RecoveryActionKind Kind, string RecoveryId, string OfferedInState);

public enum RecoveryActionKind
{
    Confirm,
    Cancel,
    Approve,
    Reject,
    Abort,
    Retry,
    Rollback,
    Decommission,
}
