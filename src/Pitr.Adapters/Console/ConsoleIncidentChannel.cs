using System.Text;
using Pitr.Adapters.Presentation;
using Pitr.Domain;
using Pitr.Domain.Ports;
using Pitr.Domain.Recoveries;

namespace Pitr.Adapters.Console;

/// <summary>The incident channel of the CLI: the thread as plain text, one line per step, a header line whenever the state changes.</summary>
public sealed class ConsoleIncidentChannel(TextWriter output) : IIncidentChannel
{
    private static readonly RecoveryNarrative Narrative = new(TextStyle.Plain);
    private readonly Lock gate = new();
    private readonly Dictionary<string, RecoveryState> lastState = [];
    private int next;

    public string Name => "console";

    public ValueTask<MessageRef?> PostHeaderAsync(RecoveryView view, CancellationToken cancellationToken)
    {
        Write(HeaderLine(view));
        lock (gate)
        {
            lastState[view.Recovery.Id] = view.Recovery.State;
        }

        return ValueTask.FromResult<MessageRef?>(NewRef());
    }

    public ValueTask UpdateHeaderAsync(MessageRef header, RecoveryView view, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (lastState.TryGetValue(view.Recovery.Id, out var shown) && shown == view.Recovery.State)
            {
                return ValueTask.CompletedTask;
            }

            lastState[view.Recovery.Id] = view.Recovery.State;
        }

        Write(HeaderLine(view));
        return ValueTask.CompletedTask;
    }

    public ValueTask<ThreadPost> PostInThreadAsync(MessageRef header, RecoveryView view, AuditEntry entry, IReadOnlyList<RecoveryAction> actions, CancellationToken cancellationToken)
    {
        if (Narrative.Tell(entry, view, actions) is not { } message)
        {
            return ValueTask.FromResult(ThreadPost.NothingToSay);
        }

        var text = new StringBuilder();
        text.Append("  │ ").AppendJoin("\n  │ ", message.Text.Split('\n'));
        foreach (var row in message.Table ?? [])
        {
            text.Append("\n  │   ").Append(row.Ok ? "✓ " : "✗ ").Append(row.Name).Append(": ").Append(row.Observed).Append(" (").Append(row.Expected).Append(')');
        }

        if (message.Actions is { Count: > 0 } offered)
        {
            text.Append("\n  │   ").AppendJoin(" ", offered.Select(a => $"[{a.Action}]"));
        }

        Write(text.ToString());
        return ValueTask.FromResult(ThreadPost.Posted(NewRef()));
    }

    public ValueTask CloseActionsAsync(MessageRef message, RecoveryView view, AuditEntry offeredWith, AuditEntry closedBy, CancellationToken cancellationToken) =>
        ValueTask.CompletedTask;

    public ValueTask PostProgressAsync(MessageRef header, string recoveryId, IReadOnlyDictionary<string, string> workloads, CancellationToken cancellationToken)
    {
        Write("  │ Rollout progress: " + string.Join(", ", workloads.Select(w => $"{w.Key} {w.Value}")));
        return ValueTask.CompletedTask;
    }

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

    private static string HeaderLine(RecoveryView view)
    {
        var r = view.Recovery;
        var end = r.CompletedAt ?? (RecoveryStates.IsTerminal(r.State) ? r.Phases[^1].EnteredAt : view.Now);
        return $"── {(r.IsDrill ? "drill" : "recovery")} {r.Id} · {r.Database} · {r.State} · target {TimeFormat.Exact(r.CurrentAttempt.Target)} · attempt {r.CurrentAttempt.Number} · {TimeFormat.Duration(end - r.RequestedAt)} since start" +
               (r.Trouble is { } trouble ? $" · {Narrative.Trouble(trouble)}" : "");
    }

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
