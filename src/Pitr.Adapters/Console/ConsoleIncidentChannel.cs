using System.Text;
using Pitr.Domain;
using Pitr.Domain.Ports;

namespace Pitr.Adapters.Console;

/// <summary>The incident channel of the CLI: the thread as plain text, one line per step, a header line whenever the state changes.</summary>
public sealed class ConsoleIncidentChannel(TextWriter output) : IIncidentChannel
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, string> lastState = [];
    private int next;

    public ValueTask<MessageRef?> PostHeaderAsync(RecoveryHeader header, CancellationToken cancellationToken)
    {
        Write(HeaderLine(header));
        lock (gate)
        {
            lastState[header.RecoveryId] = header.State;
        }

        return ValueTask.FromResult<MessageRef?>(NewRef());
    }

    public ValueTask UpdateHeaderAsync(MessageRef header, RecoveryHeader content, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (lastState.GetValueOrDefault(content.RecoveryId) == content.State)
            {
                return ValueTask.CompletedTask;
            }

            lastState[content.RecoveryId] = content.State;
        }

        Write(HeaderLine(content));
        return ValueTask.CompletedTask;
    }

    public ValueTask<MessageRef?> PostInThreadAsync(MessageRef header, ThreadMessage message, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        text.Append("  │ ").AppendJoin("\n  │ ", message.Text.Split('\n'));
        foreach (var row in message.Table ?? [])
        {
            text.Append("\n  │   ").Append(row.Ok ? "✓ " : "✗ ").Append(row.Name).Append(": ").Append(row.Observed).Append(" (").Append(row.Expected).Append(')');
        }

        if (message.Actions is { Count: > 0 } actions)
        {
            text.Append("\n  │   ").AppendJoin(" ", actions.Select(a => $"[{a.Kind}]"));
        }

        Write(text.ToString());
        return ValueTask.FromResult<MessageRef?>(NewRef());
    }

    public ValueTask CloseActionsAsync(MessageRef message, ThreadMessage original, string outcome, CancellationToken cancellationToken) =>
        ValueTask.CompletedTask;

    public ValueTask<MessageRef?> PostAlertAsync(string channel, AlertCard card, CancellationToken cancellationToken)
    {
        Write($"ALERT {card.AlertName} on {card.Database}: {card.Summary}\n  suggested target {TimeFormat.Utc(card.SuggestedTarget)} ({card.SuggestionSource}); window {card.Window}");
        return ValueTask.FromResult<MessageRef?>(NewRef());
    }

    public ValueTask ResolveAlertAsync(MessageRef message, AlertCard card, DateTimeOffset resolvedAt, CancellationToken cancellationToken)
    {
        Write($"RESOLVED {card.AlertName} on {card.Database} at {TimeFormat.Utc(resolvedAt)}");
        return ValueTask.CompletedTask;
    }

    private static string HeaderLine(RecoveryHeader h) =>
        $"── {(h.Drill ? "drill" : "recovery")} {h.RecoveryId} · {h.Database} · {h.State} · target {TimeFormat.Utc(h.Target)} · attempt {h.Attempt} · {TimeFormat.Duration(h.Elapsed)} since start" +
        (h.Problem is null ? "" : $" · {h.Problem}");

    private MessageRef NewRef() => new("console", Interlocked.Increment(ref next).ToString(System.Globalization.CultureInfo.InvariantCulture));

    private void Write(string text)
    {
        lock (gate)
        {
            output.WriteLine(text);
            output.Flush();
        }
    }
}
