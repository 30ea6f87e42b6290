using System.Threading.Channels;
using Pitr.Domain.Ports;

namespace Pitr.Bot.Hosting;

/// <summary>Tells every subscriber (the runner, the thread dispatcher) which recovery changed, the moment its change is saved.</summary>
internal sealed class RecoveryWakeups : IRecoverySignals
{
    private readonly Lock gate = new();
    private readonly List<Channel<string>> subscribers = [];

    public ChannelReader<string> Subscribe()
    {
        var channel = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
        lock (gate)
        {
            subscribers.Add(channel);
        }

        return channel.Reader;
    }

    public ValueTask ChangedAsync(string recoveryId, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            foreach (var subscriber in subscribers)
            {
                subscriber.Writer.TryWrite(recoveryId);
            }
        }

        return ValueTask.CompletedTask;
    }
}
