using Microsoft.Data.Sqlite;
using Pitr.Domain.Recoveries;
using Pitr.Domain.Tests.Fakes;

namespace Pitr.Adapters.Tests.Storage;

/// <summary>A bot that dies mid-recovery and a new one that opens the same SQLite file.</summary>
public sealed class CrashResumeTests : IDisposable
{
    private readonly string path = Path.Combine(Path.GetTempPath(), $"pitr-crash-{Guid.NewGuid():N}.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Continues_a_recovery_left_in_restoring_without_starting_the_restore_again()
    {
        var before = new RecoveryWorld(store: Open());
        before.Restorer.PollsUntilAvailable = 3;
        var id = await before.StartConfirmedAsync();
        await before.Stepper.AdvanceAsync(id, CancellationToken.None);
        Assert.Equal(1, before.Log.Count("restorer.Start"));

        // The engine keeps the restore it was asked for; only the bot died.
        var after = new RecoveryWorld(store: Open(), clock: before.Clock);
        after.Restorer.Existing.Add($"pitr-{id}-a1");
        var resumed = await after.RunUntilAsync(id, RecoveryState.AwaitingApproval);

        Assert.Equal(0, after.Log.Count("restorer.Start"));
        Assert.Equal(1, after.Log.Count("validation.Run"));
        Assert.Equal(AttemptOutcome.Available, resumed.CurrentAttempt.Outcome);
    }

    [Fact]
    public async Task Does_not_point_the_secret_twice_when_resumed_after_the_cutover_step()
    {
        var before = new RecoveryWorld(store: Open());
        var id = await before.StartConfirmedAsync();
        await before.RunUntilAsync(id, RecoveryState.AwaitingApproval);
        await before.ApproveAsync(id, RecoveryWorld.Bob);
        await before.RunUntilAsync(id, RecoveryState.Restarting);

        var after = new RecoveryWorld(store: Open(), clock: before.Clock);
        await after.RunUntilAsync(id, RecoveryState.Completed);

        Assert.Equal(1, before.Log.Count("secrets.PointAt"));
        Assert.Equal(0, after.Log.Count("secrets.PointAt"));
        Assert.Equal(1, after.Log.Count("workloads.Restart"));
    }

    private Domain.Ports.IRecoveryStore Open() => SqliteRecoveryStoreTests.OpenFile(path);
}
