using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Pitr.Domain.Announcements;
using Pitr.Domain.Ports;

namespace Pitr.Bot.Hosting;

/// <summary>
/// Tells the incident channel what changed, in the background: woken by every saved change on this replica,
/// and every <see cref="RunnerOptions.ErrorBackoff"/> sweeping open and recent recoveries, so that a delivery
/// that failed (chat down) or that another replica left when it died is resumed. Recoveries are told side by
/// side; one recovery's thread is told by one delivery at a time across replicas, in audit order. A thread
/// another replica is telling is tried again every tick for a while: its teller may have read the trail
/// before this replica's change.
/// </summary>
internal sealed partial class ThreadDispatcher(
    RecoveryAnnouncer announcer,
    IRecoveryStore store,
    RecoveryWakeups wakeups,
    ThreadBacklogs backlogs,
    TimeProvider clock,
    IOptions<RunnerOptions> options,
    ILogger<ThreadDispatcher> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<string, Task> inFlight = new();
    private readonly ConcurrentDictionary<string, bool> again = new();
    private readonly ChannelReader<string> woken = wakeups.Subscribe();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var sweepAt = DateTimeOffset.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            if (clock.GetUtcNow() >= sweepAt)
            {
                sweepAt = clock.GetUtcNow() + options.Value.ErrorBackoff;
                await SweepAsync(stoppingToken);
            }

            try
            {
                using var tick = new CancellationTokenSource(options.Value.Tick, clock);
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, tick.Token);
                await woken.WaitToReadAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
            }

            while (woken.TryRead(out var id))
            {
                Deliver(id, stoppingToken);
            }
        }

        await Task.WhenAll(inFlight.Values);
    }

    private async Task SweepAsync(CancellationToken stoppingToken)
    {
        try
        {
            var open = await store.ListOpenAsync(stoppingToken);
            var recent = await store.ListRecentAsync(null, options.Value.ThreadSweepRecent, stoppingToken);
            foreach (var id in open.Concat(recent).Select(r => r.Id).Distinct())
            {
                Deliver(id, stoppingToken);
            }
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            LogSweepFailed(e);
        }
    }

    private void Deliver(string id, CancellationToken stoppingToken)
    {
        again[id] = true;
        inFlight.GetOrAdd(id, _ => Task.Run(() => DeliverWhileChangedAsync(id, stoppingToken), CancellationToken.None));
    }

    private async Task DeliverWhileChangedAsync(string id, CancellationToken stoppingToken)
    {
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["RecoveryId"] = id });
        try
        {
            var busySince = (DateTimeOffset?)null;
            while (again.TryRemove(id, out _) && !stoppingToken.IsCancellationRequested)
            {
                var backlog = await announcer.DeliverAsync(id, stoppingToken);
                backlogs.Record(id, backlog);
                busySince = backlog.Claimed ? null : busySince ?? clock.GetUtcNow();
                if (busySince is { } since && clock.GetUtcNow() - since < options.Value.ErrorBackoff)
                {
                    await Task.Delay(options.Value.Tick, clock, stoppingToken);
                    again[id] = true;
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            LogDeliveryFailed(e, id);
        }
        finally
        {
            inFlight.TryRemove(id, out _);
            if (again.ContainsKey(id) && !stoppingToken.IsCancellationRequested)
            {
                Deliver(id, stoppingToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Listing open recoveries to tell their threads failed; trying again later")]
    private partial void LogSweepFailed(Exception error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Telling the thread of recovery {RecoveryId} failed; trying again later")]
    private partial void LogDeliveryFailed(Exception error, string recoveryId);
}
