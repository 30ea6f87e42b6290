using Pitr.Domain.Ports;

namespace Pitr.Adapters.Slack;

/// <summary>
/// Keeps each header in step with its recovery without flooding Slack: a change of state or of the buttons
/// offered goes out at once (a used button must not stay clickable, the header must not lag the state);
/// only the RTO clock's ticks are throttled to one edit per interval, the newest content winning.
/// Edits of one header are sent one at a time, newest content last.
/// </summary>
internal sealed class HeaderEdits(TimeProvider clock, TimeSpan interval, Func<MessageRef, RecoveryView, Task> send)
{
    private readonly Lock gate = new();
    private readonly Dictionary<MessageRef, Slot> slots = [];

    /// <summary>The header was just posted showing <paramref name="shown"/>: a tick waits a full interval.</summary>
    public void Posted(MessageRef header, RecoveryView shown)
    {
        lock (gate)
        {
            slots[header] = new Slot { LastSent = clock.GetUtcNow(), Shown = Shape.Of(shown) };
        }
    }

    public Task EditAsync(MessageRef header, RecoveryView content)
    {
        TimeSpan wait;
        lock (gate)
        {
            var now = clock.GetUtcNow();
            Forget(now);
            if (!slots.TryGetValue(header, out var slot))
            {
                slots[header] = slot = new Slot { LastSent = DateTimeOffset.MinValue };
            }

            slot.Pending = content;
            if (Shape.Of(content) != slot.Shown)
            {
                wait = TimeSpan.Zero;
            }
            else if (slot.Scheduled)
            {
                return Task.CompletedTask;
            }
            else
            {
                wait = slot.LastSent == DateTimeOffset.MinValue ? TimeSpan.Zero : slot.LastSent + interval - now;
                slot.Scheduled = wait > TimeSpan.Zero;
            }
        }

        if (wait <= TimeSpan.Zero)
        {
            return FlushAsync(header);
        }

        // The caller is not held up: the held tick goes out on its own when the interval ends.
        _ = FlushAfterAsync(header, wait);
        return Task.CompletedTask;
    }

    private async Task FlushAfterAsync(MessageRef header, TimeSpan wait)
    {
        await Task.Delay(wait, clock);
        lock (gate)
        {
            slots[header].Scheduled = false;
        }

        await FlushAsync(header);
    }

    private async Task FlushAsync(MessageRef header)
    {
        Slot slot;
        lock (gate)
        {
            slot = slots[header];
        }

        // The content is taken after the turn is won, so a later sender always sends newer content.
        await slot.Sending.WaitAsync();
        try
        {
            RecoveryView? content;
            lock (gate)
            {
                (content, slot.Pending) = (slot.Pending, null);
                if (content is not null)
                {
                    (slot.LastSent, slot.Shown) = (clock.GetUtcNow(), Shape.Of(content));
                }
            }

            if (content is not null)
            {
                await send(header, content);
            }
        }
        finally
        {
            slot.Sending.Release();
        }
    }

    private void Forget(DateTimeOffset now)
    {
        foreach (var (key, slot) in slots.Where(s => !s.Value.Scheduled && s.Value.Pending is null && now - s.Value.LastSent > TimeSpan.FromHours(1)).ToList())
        {
            slots.Remove(key);
        }
    }

    /// <summary>What a header shows apart from its clock: edits that change it are never held.</summary>
    private sealed record Shape(Pitr.Domain.Recoveries.RecoveryState State, string Actions, int Attempt)
    {
        public static Shape Of(RecoveryView view) => new(
            view.Recovery.State,
            string.Join(",", view.Actions.Select(a => $"{a.Action}@{a.OfferedIn}")),
            view.Recovery.CurrentAttempt.Number);
    }

    private sealed class Slot
    {
        public DateTimeOffset LastSent { get; set; }

        public Shape? Shown { get; set; }

        public RecoveryView? Pending { get; set; }

        public bool Scheduled { get; set; }

        public SemaphoreSlim Sending { get; } = new(1, 1);
    }
}
