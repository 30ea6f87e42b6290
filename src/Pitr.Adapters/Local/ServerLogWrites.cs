namespace Pitr.Adapters.Local;

/// <summary>
/// Tells when a server writes to its log (inotify, through <see cref="FileSystemWatcher"/>): PostgreSQL logs the end of
/// replay, a pause and a promotion as they happen, so a watcher woken by the log needs no fast poll.
/// </summary>
internal sealed class ServerLogWrites : IDisposable
{
    private readonly FileSystemWatcher? watcher;
    private TaskCompletionSource next = NewWrite();

    public ServerLogWrites(string logFile)
    {
        try
        {
            watcher = new FileSystemWatcher(Path.GetDirectoryName(logFile)!, Path.GetFileName(logFile))
            {
                NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.Size,
            };
            watcher.Changed += (_, _) => Interlocked.Exchange(ref next, NewWrite()).TrySetResult();
            watcher.EnableRaisingEvents = true;
        }
        catch (Exception e) when (e is IOException or ArgumentException or UnauthorizedAccessException)
        {
            watcher?.Dispose();
            watcher = null;
        }
    }

    /// <summary>False when the log cannot be watched (no such directory, or the system's inotify limits reached): then only polling tells.</summary>
    public bool Watching => watcher is not null;

    /// <summary>Completes at the next write to the log after this was read: read it before looking, so that no write falls in between.</summary>
    public Task NextWrite => Volatile.Read(ref next).Task;

    public void Dispose() => watcher?.Dispose();

    private static TaskCompletionSource NewWrite() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
