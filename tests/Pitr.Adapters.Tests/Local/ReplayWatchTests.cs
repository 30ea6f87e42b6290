using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Pitr.Adapters.Local;
using Pitr.Adapters.Tests.Support;

namespace Pitr.Adapters.Tests.Local;

/// <summary>
/// The local engine's watch for the end of replay, on a real server kept in recovery (a standby fed from the archive,
/// which never promotes by itself): it answers when the server pauses or is promoted, not a poll interval later.
/// On a clock that never moves, no poll interval ever ends: only the server's log can wake the watch.
/// </summary>
public sealed class ReplayWatchTests(ArchivedHistory history) : IClassFixture<ArchivedHistory>, IAsyncLifetime
{
    private static readonly TimeSpan Generous = TimeSpan.FromMinutes(2);
    private readonly string directory = Path.Combine(history.Primary.RootDirectory, "watch-" + Guid.NewGuid().ToString("N")[..8]);
    private PostgresServer? standby;

    private PostgresServer Standby => standby!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await history.Installation.PrepareDirectoryAsync(directory, Token);
        var data = Path.Combine(directory, "data");
        await history.Installation.RunAsAsync("cp", ["-a", Path.Combine(history.Primary.BaseBackupDir, "base"), data], Token);
        standby = new PostgresServer(history.Installation, data);
        await Standby.ConfigureAsync(new Dictionary<string, string>
        {
            ["restore_command"] = $"cp \"{history.Primary.WalArchiveDir}/%f\" \"%p\"",
            ["archive_mode"] = "off",
            ["hot_standby"] = "on",
        }, Token);
        var signal = Path.Combine(data, "standby.signal");
        await File.WriteAllTextAsync(signal, string.Empty, Token);
        await history.Installation.GiveAsync(signal, Token);
        await Standby.StartAsync(cancellationToken: Token);
    }

    public async ValueTask DisposeAsync()
    {
        await Standby.StopAsync(CancellationToken.None);
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public async Task Says_replaying_when_the_server_stays_in_recovery_for_the_whole_bound()
    {
        await using var connection = await OpenAsync();

        using var log = new ServerLogWrites(Standby.LogFile);
        var state = await ReplayWatch.WatchAsync(connection, log, TimeSpan.FromMilliseconds(200), TimeProvider.System, Token);

        Assert.Equal(ReplayState.Replaying, state);
        Assert.True(await InRecoveryAsync(connection));
    }

    [Fact]
    public async Task Sees_a_promotion_made_while_it_watches()
    {
        await using var watched = await OpenAsync();
        using var log = new ServerLogWrites(Standby.LogFile);
        var watch = ReplayWatch.WatchAsync(watched, log, Generous, TimeProvider.System, Token);

        await using (var other = await OpenAsync())
        {
            await using var promote = new NpgsqlCommand("select pg_promote(true)", other);
            Assert.True((bool)(await promote.ExecuteScalarAsync(Token))!);
        }

        Assert.Equal(ReplayState.Promoted, await watch);
        Assert.False(await InRecoveryAsync(watched));
    }

    [Fact]
    public async Task Sees_replay_paused_while_it_watches()
    {
        await using var watched = await OpenAsync();
        using var log = new ServerLogWrites(Standby.LogFile);
        var watch = ReplayWatch.WatchAsync(watched, log, Generous, TimeProvider.System, Token);

        await using (var other = await OpenAsync())
        {
            await using var pause = new NpgsqlCommand("select pg_wal_replay_pause()", other);
            await pause.ExecuteNonQueryAsync(Token);
        }

        Assert.Equal(ReplayState.Paused, await watch);
        Assert.True(await InRecoveryAsync(watched));
    }

    [Fact]
    public async Task Says_replaying_rather_than_failing_when_the_server_stops_while_watched()
    {
        await using var connection = await OpenAsync();
        using var log = new ServerLogWrites(Standby.LogFile);
        var watch = ReplayWatch.WatchAsync(connection, log, Generous, TimeProvider.System, Token);

        await Standby.StopAsync(Token);

        Assert.Equal(ReplayState.Replaying, await watch);
    }

    [Fact]
    public async Task Wakes_on_the_logged_promotion_when_no_poll_interval_ever_ends()
    {
        await using var watched = await OpenAsync();
        using var log = new ServerLogWrites(Standby.LogFile);
        Assert.True(log.Watching);
        var watch = ReplayWatch.WatchAsync(watched, log, Generous, new FakeTimeProvider(), Token);

        await using (var other = await OpenAsync())
        {
            await using var promote = new NpgsqlCommand("select pg_promote(true)", other);
            Assert.True((bool)(await promote.ExecuteScalarAsync(Token))!);
        }

        Assert.Equal(ReplayState.Promoted, await watch.WaitAsync(Generous, Token));
    }

    [Fact]
    public async Task Wakes_on_the_logged_pause_when_no_poll_interval_ever_ends()
    {
        await using var watched = await OpenAsync();
        using var log = new ServerLogWrites(Standby.LogFile);
        var watch = ReplayWatch.WatchAsync(watched, log, Generous, new FakeTimeProvider(), Token);

        await using (var other = await OpenAsync())
        {
            await using var pause = new NpgsqlCommand("select pg_wal_replay_pause()", other);
            await pause.ExecuteNonQueryAsync(Token);
        }

        Assert.Equal(ReplayState.Paused, await watch.WaitAsync(Generous, Token));
    }

    [Fact]
    public void A_log_in_no_directory_is_not_watched_and_the_watch_falls_back_to_polling()
    {
        using var log = new ServerLogWrites(Path.Combine(directory, "no-such-directory", "pitr-server.log"));

        Assert.False(log.Watching);
        Assert.False(log.NextWrite.IsCompleted);
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(Standby.SocketConnectionString(PostgresServer.Superuser, "postgres"));
        await connection.OpenAsync(Token);
        return connection;
    }

    private static async Task<bool> InRecoveryAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand("select pg_is_in_recovery()", connection);
        return (bool)(await command.ExecuteScalarAsync(Token))!;
    }
}
