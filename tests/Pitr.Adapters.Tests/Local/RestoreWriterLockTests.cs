using Pitr.Adapters.Local;

namespace Pitr.Adapters.Tests.Local;

/// <summary>One writer per restore directory, and no orphan of a dead writer left writing.</summary>
public sealed class RestoreWriterLockTests : IDisposable
{
    private readonly string lockFile = Path.Combine(Directory.CreateTempSubdirectory("pitr-lock-").FullName, "pitr-x-a1.lock");

    [Fact]
    public async Task Refuses_a_second_writer_while_the_first_holds_the_lock()
    {
        using var first = await RestoreWriterLock.AcquireAsync(lockFile, TimeProvider.System, TestContext.Current.CancellationToken);

        await Assert.ThrowsAsync<RestoreBusyException>(() => RestoreWriterLock.AcquireAsync(lockFile, TimeProvider.System, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Stops_the_children_a_writer_that_is_gone_left_running_before_the_next_writer_goes_on()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var gone = await RestoreWriterLock.AcquireAsync(lockFile, TimeProvider.System, cancellationToken);
        var pid = 0;
        var orphan = ProcessRunner.RunAsync("sleep", ["300"], CancellationToken.None, started: p =>
        {
            pid = p;
            gone.Started(p);
        });
        Assert.True(ProcessGroup.Of(pid)?.IsAlive());

        // Its holder dies without a word: the kernel drops the lock, the list of its children stays in the file.
        gone.Dispose();
        using var next = await RestoreWriterLock.AcquireAsync(lockFile, TimeProvider.System, cancellationToken);

        var stopped = await Assert.ThrowsAsync<ExternalToolException>(() => orphan);
        Assert.NotEqual(0, stopped.ExitCode);
        Assert.False(ProcessGroup.Of(pid)?.IsAlive() ?? false);
    }

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(lockFile)!, recursive: true);
}
