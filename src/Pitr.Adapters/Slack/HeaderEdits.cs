using Pitr.Domain.Ports;

namespace Pitr.Adapters.Slack;

/// <summary>
/// At most one edit of each header per interval: an edit asked for sooner is held and sent when the
/// interval ends, and only the newest content is sent. Nothing is lost; intermediate states are skipped.
/// </summary>
internal sealed class HeaderEdits(TimeProvider clock, TimeSpan interval, Func<MessageRef, RecoveryView, Task> send)
{
    private readonly Lock gate = new();
    private readonly Dictionary<MessageRef, Slot> slots = [];

    /// <summary>The header was just posted: its first edit waits a full interval.</summary>
    public void Posted(MessageRef header)
    {
        lock (gate)
        {
            slots[header] = new Slot { LastSent = clock.GetUtcNow() };
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
            if (slot.Scheduled)
            {
                return Task.CompletedTask;
            }

            wait = slot.LastSent == DateTimeOffset.MinValue ? TimeSpan.Zero : slot.LastSent + interval - now;
            slot.Scheduled = true;
        }

        if (wait <= TimeSpan.Zero)
        {
            return FlushAsync(header);
        }

        // The caller is not held up: the held edit goes out on its own when the interval ends.
        _ = FlushAfterAsync(header, wait);
        return Task.CompletedTask;
    }

    private async Task FlushAfterAsync(MessageRef header, TimeSpan wait)
    {
        await Task.Delay(wait, clock);
        await FlushAsync(header);
    }

    private Task FlushAsync(MessageRef header)
    {
        RecoveryView? content;
        lock (gate)
        {
            var slot = slots[header];
            (content, slot.Pending, slot.Scheduled, slot.LastSent) = (slot.Pending, null, false, clock.GetUtcNow());
        }

        return content is null ? Task.CompletedTask : send(header, content);
    }

    private void Forget(DateTimeOffset now)
    {
        foreach (var (key, slot) in slots.Where(s => !s.Value.Scheduled && now - s.Value.LastSent > TimeSpan.FromHours(1)).ToList())
        {
            slots.Remove(key);
        }
    }

    private sealed class Slot
    {
        public DateTimeOffset LastSent { get; set; }

        public RecoveryView? Pending { get; set; }

        public bool Scheduled { get; set; }
    }
}
