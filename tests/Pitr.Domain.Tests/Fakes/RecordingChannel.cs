using Pitr.Domain.Ports;

namespace Pitr.Domain.Tests.Fakes;

/// <summary>An incident channel that remembers what it was asked to show.</summary>
public sealed class RecordingChannel : IIncidentChannel
{
    private int next;

    public List<RecoveryHeader> Headers { get; } = [];

    public List<ThreadMessage> Thread { get; } = [];

    public List<string> Closed { get; } = [];

    public ValueTask<MessageRef?> PostHeaderAsync(RecoveryHeader header, CancellationToken cancellationToken)
    {
        Headers.Add(header);
        return ValueTask.FromResult<MessageRef?>(new MessageRef("C1", $"{++next}"));
    }

    public ValueTask UpdateHeaderAsync(MessageRef header, RecoveryHeader content, CancellationToken cancellationToken)
    {
        Headers.Add(content);
        return ValueTask.CompletedTask;
    }

    public ValueTask<MessageRef?> PostInThreadAsync(MessageRef header, ThreadMessage message, CancellationToken cancellationToken)
    {
        lock (Thread)
        {
            Thread.Add(message);
        }

        return ValueTask.FromResult<MessageRef?>(new MessageRef("C1", $"{Interlocked.Increment(ref next)}"));
    }

    public ValueTask CloseActionsAsync(MessageRef message, ThreadMessage original, string outcome, CancellationToken cancellationToken)
    {
        Closed.Add(outcome);
        return ValueTask.CompletedTask;
    }

    public ValueTask<MessageRef?> PostAlertAsync(string channel, AlertCard card, CancellationToken cancellationToken) =>
        ValueTask.FromResult<MessageRef?>(new MessageRef(channel, $"{++next}"));

    public ValueTask ResolveAlertAsync(MessageRef message, AlertCard card, DateTimeOffset resolvedAt, CancellationToken cancellationToken) =>
        ValueTask.CompletedTask;
}
