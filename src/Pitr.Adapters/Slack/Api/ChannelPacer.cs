namespace Pitr.Adapters.Slack.Api;

/// <summary>Spaces posts to one channel at least <c>interval</c> apart; other channels are not held up.</summary>
internal sealed class ChannelPacer(TimeProvider clock, TimeSpan interval)
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, DateTimeOffset> nextSlot = new(StringComparer.Ordinal);

    public Task WaitTurnAsync(string channel, CancellationToken cancellationToken)
    {
        if (interval <= TimeSpan.Zero)
        {
            return Task.CompletedTask;
        }

        TimeSpan wait;
        lock (gate)
        {
            var now = clock.GetUtcNow();
            var slot = nextSlot.GetValueOrDefault(channel);
            if (slot < now)
            {
                slot = now;
            }

            nextSlot[channel] = slot + interval;
            wait = slot - now;
        }

        return wait > TimeSpan.Zero ? Task.Delay(wait, clock, cancellationToken) : Task.CompletedTask;
    }
}
