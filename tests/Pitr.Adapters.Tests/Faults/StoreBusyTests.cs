using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Pitr.Adapters.Storage;
using Pitr.Adapters.Storage.Sqlite;
using Pitr.Domain.Recoveries;
using Pitr.Domain.Tests.Fakes;
using SQLitePCL;

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
        var busy = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var watched = new BusyWatchingDataSource(SqliteDialect.DataSource(new SqliteStoreOptions { Path = path }), () => busy.TrySetResult());
        var world = new RecoveryWorld(store: new SqlRecoveryStore(watched, new SqliteDialect()));
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
        // Go on once the store's write has found the lock taken and is retrying; the bound only keeps a broken test from hanging.
        await busy.Task.WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);
        var waitedForLock = !confirming.IsCompleted;
        await using (var release = other.CreateCommand())
        {
            release.CommandText = "COMMIT";
            await release.ExecuteNonQueryAsync();
        }

        var confirmed = await confirming;

        Assert.True(waitedForLock, "the save should wait for the other writer, not fail");
        Assert.True(confirmed.Succeeded, $"{confirmed.Status}: {confirmed.Why}");
        Assert.Equal(RecoveryState.Restoring, (await world.SnapshotAsync(id)).State);
    }

    /// <summary>
    /// The store's own data source (same connection string, same timeout) that reports when one of its
    /// connections retries a <c>BEGIN</c>: SQLite answered "busy" and the library is waiting for the lock.
    /// Tracing only watches; the waiting is still the library's own retry until its timeout.
    /// </summary>
    private sealed class BusyWatchingDataSource(DbDataSource inner, Action onBusy) : DbDataSource
    {
        public override string ConnectionString => inner.ConnectionString;

        protected override DbConnection CreateDbConnection()
        {
            var connection = (SqliteConnection)inner.CreateConnection();
            connection.StateChange += (_, change) =>
            {
                if (change.CurrentState == ConnectionState.Open)
                {
                    var last = "";
                    raw.sqlite3_trace(connection.Handle, (_, statement) =>
                    {
                        var sql = statement.utf8_to_string();
                        if (sql.StartsWith("BEGIN", StringComparison.OrdinalIgnoreCase) && last.StartsWith("BEGIN", StringComparison.OrdinalIgnoreCase))
                        {
                            onBusy();
                        }

                        last = sql;
                    }, null);
                }
            };
            return connection;
        }
    }
}
