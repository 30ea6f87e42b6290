using System.Globalization;

namespace Pitr.Adapters.Local;

/// <summary>
/// One writer per restore directory: <c>&lt;identifier&gt;.lock</c> beside it, held (an exclusive file lock the
/// kernel drops when its holder dies) while a bot changes the restore, and listing the process groups of the
/// children it started for it. A bot that takes the lock after another died stops the children the dead one
/// left running (an orphaned <c>cp</c> would otherwise keep writing into the copy being redone) before anything
/// is redone.
/// </summary>
internal sealed class RestoreWriterLock : IDisposable
{
    private static readonly TimeSpan OrphanExitTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan OrphanPoll = TimeSpan.FromMilliseconds(50);

    private readonly FileStream file;
    private readonly List<ProcessGroup> children = [];

    private RestoreWriterLock(FileStream file) => this.file = file;

    /// <exception cref="RestoreBusyException">Another living process holds the lock.</exception>
    public static async Task<RestoreWriterLock> AcquireAsync(string lockPath, TimeProvider clock, CancellationToken cancellationToken)
    {
        FileStream file;
        try
        {
            // FileShare.None is an exclusive flock on Unix: held until this process closes it or dies.
            file = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e)
        {
            throw new RestoreBusyException($"{Path.GetFileNameWithoutExtension(lockPath)} is being written by another process ({e.Message}).", e);
        }

        var writerLock = new RestoreWriterLock(file);
        try
        {
            await writerLock.StopOrphansAsync(clock, cancellationToken);
            return writerLock;
        }
        catch
        {
            writerLock.Dispose();
            throw;
        }
    }

    /// <summary>Records a child started for this restore, so that a later bot can stop it if this one dies first.</summary>
    public void Started(int processGroup)
    {
        if (ProcessGroup.Of(processGroup) is { } group)
        {
            children.Add(group);
            Save();
        }
    }

    public void Dispose() => file.Dispose();

    private async Task StopOrphansAsync(TimeProvider clock, CancellationToken cancellationToken)
    {
        file.Position = 0;
        using var reader = new StreamReader(file, leaveOpen: true);
        var orphans = (await reader.ReadToEndAsync(cancellationToken))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(ProcessGroup.Parse)
            .OfType<ProcessGroup>()
            .Where(g => g.IsAlive())
            .ToList();
        foreach (var orphan in orphans)
        {
            try
            {
                await ProcessRunner.RunAsync("kill", ["-KILL", "--", "-" + orphan.Id.ToString(CultureInfo.InvariantCulture)], cancellationToken);
            }
            catch (ExternalToolException) when (!orphan.IsAlive())
            {
                // It ended by itself between the look and the kill.
            }
        }

        using var timeout = new CancellationTokenSource(OrphanExitTimeout, clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        while (orphans.Any(o => o.IsAlive()))
        {
            await Task.Delay(OrphanPoll, clock, linked.Token);
        }

        Save();
    }

    private void Save()
    {
        var lines = string.Concat(children.Where(c => c.IsAlive()).Select(c => c + "\n"));
        file.SetLength(0);
        file.Write(System.Text.Encoding.ASCII.GetBytes(lines));
        file.Flush(flushToDisk: true);
    }
}

/// <summary>The restore is being changed by another living process.</summary>
public sealed class RestoreBusyException(string message, Exception inner) : IOException(message, inner);
