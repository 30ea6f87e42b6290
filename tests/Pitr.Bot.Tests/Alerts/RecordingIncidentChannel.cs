using System.Collections.Concurrent;
using Pitr.Domain.Ports;
using Pitr.Domain.Recoveries;

namespace Pitr.Bot.Tests.Alerts;

/// <summary>Records the alert cards the bot posts and resolves; every other message is accepted and ignored.</summary>
public sealed class RecordingIncidentChannel : IIncidentChannel
{
    private int next;

    public string Name => "recording-alerts";

    public ConcurrentQueue<(string Channel, AlertCard Card, MessageRef Message)> Posted { get; } = new();

    public ConcurrentQueue<(MessageRef Message, AlertCard Card, DateTimeOffset ResolvedAt)> Resolved { get; } = new();

    public ValueTask<MessageRef?> PostAlertAsync(string channel, AlertCard card, CancellationToken cancellationToken)
    {
        var message = new MessageRef(channel, $"1700000000.{Interlocked.Increment(ref next):000000}");
        Posted.Enqueue((channel, card, message));
        return ValueTask.FromResult<MessageRef?>(message);
    }

    public ValueTask ResolveAlertAsync(MessageRef message, AlertCard card, DateTimeOffset resolvedAt, CancellationToken cancellationToken)
    {
        Resolved.Enqueue((message, card, resolvedAt));
        return ValueTask.CompletedTask;
    }

    public ValueTask<MessageRef?> PostHeaderAsync(RecoveryView view, CancellationToken cancellationToken) => ValueTask.FromResult<MessageRef?>(null);

    public ValueTask UpdateHeaderAsync(MessageRef header, RecoveryView view, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask<ThreadPost> PostInThreadAsync(MessageRef header, RecoveryView view, AuditEntry entry, IReadOnlyList<RecoveryAction> actions, CancellationToken cancellationToken) =>
        ValueTask.FromResult(ThreadPost.NothingToSay);

    public ValueTask CloseActionsAsync(MessageRef message, RecoveryView view, AuditEntry offeredWith, AuditEntry closedBy, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask PostProgressAsync(MessageRef header, string recoveryId, IReadOnlyDictionary<string, string> workloads, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
