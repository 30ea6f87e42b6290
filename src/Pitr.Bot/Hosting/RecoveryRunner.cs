using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Pitr.Bot.Observability;
using Pitr.Domain.Ports;
using Pitr.Domain.Progress;

namespace Pitr.Bot.Hosting;

/// <summary>
/// Advances every open recovery, each on its own task so that a long rollout of one never delays
/// another. On start it simply finds what the store says is open: that is how a restarted bot resumes.
/// A saved change wakes it at once for that recovery, so a person's action takes effect without
/// waiting for the next poll. A lease per recovery keeps replicas sharing a store from stepping the
/// same recovery at once.
/// </summary>
internal sealed partial class RecoveryRunner(
    IRecoveryStore store,
    IRecoveryLeases leases,
    RecoveryStepper stepper,
    RecoveryWakeups wakeups,
    TimeProvider clock,
    IOptions<RunnerOptions> options,
    ILogger<RecoveryRunner> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<string, Task> inFlight = new();
    private readonly ConcurrentDictionary<string, DateTimeOffset> dueAt = new();
    private readonly ConcurrentDictionary<string, bool> wokenInFlight = new();
    private readonly ChannelReader<string> woken = wakeups.Subscribe();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                foreach (var recovery in await store.ListOpenAsync(stoppingToken))
                {
                    if (dueAt.GetValueOrDefault(recovery.Id) <= clock.GetUtcNow() && !inFlight.ContainsKey(recovery.Id))
                    {
                        inFlight[recovery.Id] = AdvanceAsync(recovery.Id, stoppingToken);
                    }
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogStoreUnavailable(e, options.Value.ErrorBackoff);
                await DelayAsync(options.Value.ErrorBackoff, stoppingToken);
            }

            await WaitAsync(options.Value.Tick, stoppingToken);
        }

        await Task.WhenAll(inFlight.Values);
    }

    private async Task AdvanceAsync(string id, CancellationToken stoppingToken)
    {
        await Task.Yield();
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["RecoveryId"] = id });
        try
        {
            await using var lease = await leases.TryAcquireAsync(id, stoppingToken);
            if (lease is null)
            {
                dueAt[id] = clock.GetUtcNow() + options.Value.Tick;
                return;
            }

            using var step = PitrTelemetry.Source.StartActivity("recovery.step");
            step?.SetTag("pitr.recovery_id", id);
            wokenInFlight.TryRemove(id, out _);
            var next = await stepper.AdvanceAsync(id, stoppingToken);

            // Sooner than a tick (an engine that watched its restore while answering, an outcome just applied):
            // step again now, under the same lease, rather than at the next tick.
            while (next >= TimeSpan.Zero && next < options.Value.Tick)
            {
                await Task.Delay(next, clock, stoppingToken);
                wokenInFlight.TryRemove(id, out _);
                next = await stepper.AdvanceAsync(id, stoppingToken);
            }

            // Woken while stepping: what woke it (a person's action) is looked at right away, whatever the step asked for.
            dueAt[id] = wokenInFlight.TryRemove(id, out _) ? DateTimeOffset.MinValue
                : next == Timeout.InfiniteTimeSpan ? DateTimeOffset.MaxValue
                : clock.GetUtcNow() + next;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            LogStepFailed(e, id, options.Value.ErrorBackoff);
            dueAt[id] = clock.GetUtcNow() + options.Value.ErrorBackoff;
        }
        finally
        {
            inFlight.TryRemove(id, out _);
        }
    }

    /// <summary>Waits for the tick, or less when a recovery is woken; a woken recovery is due now.</summary>
    private async Task WaitAsync(TimeSpan tick, CancellationToken stoppingToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var delay = Task.Delay(tick, clock, wait.Token);
        var wake = woken.WaitToReadAsync(wait.Token).AsTask();
        await Task.WhenAny(delay, wake);
        await wait.CancelAsync();
        while (woken.TryRead(out var id))
        {
            dueAt[id] = DateTimeOffset.MinValue;
            if (inFlight.ContainsKey(id))
            {
                wokenInFlight[id] = true;
            }
        }
    }

    private async Task DelayAsync(TimeSpan delay, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(delay, clock, stoppingToken);
        }
        catch (OperationCanceledException)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Listing open recoveries failed; trying again in {Backoff}")]
    private partial void LogStoreUnavailable(Exception error, TimeSpan backoff);

    [LoggerMessage(Level = LogLevel.Error, Message = "Advancing recovery {RecoveryId} failed; trying again in {Backoff}")]
    private partial void LogStepFailed(Exception error, string recoveryId, TimeSpan backoff);
}
