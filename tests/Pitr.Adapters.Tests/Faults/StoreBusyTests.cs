using Microsoft.Data.Sqlite;
using Pitr.Adapters.Tests.Storage;
using Pitr.Domain.Recoveries;
using Pitr.Domain.Tests.Fakes;

namespace Pitr.Adapters.Tests.Faults;

/// <summary>Another process holds the SQLite file's write lock for a while.</summary>
public sealed class StoreBusyTests : IDisposable
{
    private readonly string path = Path.Combine(Path.GetTempPath(), $"pitr-busy-{Guid.NewGuid():N}.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Waits_for_the_lock_and_saves_when_the_store_is_busy()
    {
        var world = new RecoveryWorld(store: SqliteRecoveryStoreTests.OpenFile(path));
        var id = (await world.StartAsync()).Recovery!.Id;

        await using var other = new SqliteConnection($"Data Source={path};Pooling=False");
        await other.OpenAsync();
        await using (var lockIt = other.CreateCommand())
        {
            lockIt.CommandText = "BEGIN EXCLUSIVE";
            await lockIt.ExecuteNonQueryAsync();
        }

        // SQLite calls block while they wait for the lock, so the confirmation runs on its own thread.
        var confirming = Task.Run(() => world.ConfirmAsync(id).AsTask());
        await Task.Delay(500);
        var waitedForLock = !confirming.IsCompleted;
        await using (var release = other.CreateCommand())
        {
            release.CommandText = "COMMIT";
            await release.ExecuteNonQueryAsync();
        }

        var confirmed = await confirming;

        Assert.True(waitedForLock, "the save should wait for the other writer, not fail");
        Assert.True(confirmed.Succeeded, confirmed.Message);
        Assert.Equal(RecoveryState.Restoring, (await world.SnapshotAsync(id)).State);
    }
}
