using System.Collections.Concurrent;

namespace Pitr.Bot.Slack;

/// <summary>
/// Runs what a Slack request asked for after it has been acknowledged (Slack waits at most 3 s).
/// On shutdown the work under way is given the host's grace period, then cancelled.
/// </summary>
internal sealed partial class SlackWork(ILogger<SlackWork> logger) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource stopping = new();
    private readonly ConcurrentDictionary<int, Task> running = new();
    private int next;

    public void Run(string what, Func<CancellationToken, Task> work)
    {
        var id = Interlocked.Increment(ref next);
        running[id] = Task.Run(async () =>
        {
            try
            {
                await work(stopping.Token);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
            }
            catch (Exception e)
            {
                LogFailed(e, what);
            }
            finally
            {
                running.TryRemove(id, out _);
            }
        });
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.WhenAll(running.Values).WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            await stopping.CancelAsync();
        }
    }

    public void Dispose() => stopping.Dispose();

    [LoggerMessage(Level = LogLevel.Error, Message = "Handling Slack request {What} failed")]
    private partial void LogFailed(Exception error, string what);
}
