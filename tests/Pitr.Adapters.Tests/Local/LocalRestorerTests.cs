using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Pitr.Adapters.Local;
using Pitr.Adapters.Tests.Support;
using Pitr.Domain.Ports;

namespace Pitr.Adapters.Tests.Local;

public sealed class LocalRestorerTests(ArchivedHistory history) : IClassFixture<ArchivedHistory>, IAsyncLifetime
{
    private readonly string workDir = Path.Combine(history.Primary.RootDirectory, "restores-" + Guid.NewGuid().ToString("N")[..8]);
    private LocalRestorer? restorer;

    private LocalRestorer Restorer => restorer!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        restorer = NewRestorer();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var directory in Directory.Exists(workDir) ? Directory.GetDirectories(workDir) : [])
        {
            await Restorer.DeleteAsync(Path.GetFileName(directory), CancellationToken.None);
        }

        Restorer.Dispose();
    }

    [Fact]
    public async Task Restores_hold_exactly_the_rows_committed_before_each_target()
    {
        foreach (var rows in new[] { 1, 3, 5 })
        {
            var endpoint = await RestoreAsync($"rows-{rows}", history.Between(rows));

            Assert.Equal(Enumerable.Range(1, rows), await IdsAsync(endpoint));
        }
    }

    [Fact]
    public async Task Window_runs_from_the_backup_end_to_the_last_archived_commit()
    {
        var window = await Restorer.GetRestorableWindowAsync(Token);

        Assert.Equal(history.CommitTimes[^1], window.Latest);
        Assert.True(window.Earliest > history.BackupEnded.AddSeconds(-2) && window.Earliest < history.CommitTimes[0],
            $"earliest {window.Earliest:O}, backup ended about {history.BackupEnded:O}, first commit {history.CommitTimes[0]:O}");
    }

    [Fact]
    public async Task Restore_to_the_last_archived_commit_holds_every_row()
    {
        var endpoint = await RestoreAsync("at-latest", history.CommitTimes[^1]);

        Assert.Equal(Enumerable.Range(1, ArchivedHistory.Rows), await IdsAsync(endpoint));
    }

    [Fact]
    public async Task Target_before_the_window_is_refused_before_anything_is_created()
    {
        var early = history.BackupEnded.AddMinutes(-5);

        var refusal = await Assert.ThrowsAsync<RestoreRefusedException>(() =>
            Restorer.StartRestoreAsync(new RestoreRequest("too-early", early, Tags()), Token).AsTask());

        Assert.NotNull(refusal.Window);
        Assert.Contains(refusal.Window.ToString(), refusal.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(workDir, "too-early")));
    }

    [Fact]
    public async Task Target_after_the_window_is_refused_before_anything_is_created()
    {
        var late = history.CommitTimes[^1].AddMinutes(5);

        await Assert.ThrowsAsync<RestoreRefusedException>(() =>
            Restorer.StartRestoreAsync(new RestoreRequest("too-late", late, Tags()), Token).AsTask());

        Assert.Equal(RestorePhase.NotFound, (await Restorer.GetRestoreStatusAsync("too-late", Token)).Phase);
    }

    [Fact]
    public async Task Second_restore_lands_right_after_a_first_one_even_with_a_foreign_history_file_in_the_archive()
    {
        await RestoreAsync("first", history.Between(2));
        await Restorer.PromoteAsync("first", Token);
        Assert.Empty(Directory.GetFiles(history.Primary.WalArchiveDir, "*.history"));

        // As if some other restore had archived into the source's archive, branching off after row 2.
        var foreign = Directory.GetFiles(Path.Combine(workDir, "first", "data", "pg_wal"), "*.history").Single();
        var planted = Path.Combine(history.Primary.WalArchiveDir, Path.GetFileName(foreign));
        File.Copy(foreign, planted);
        try
        {
            var second = await RestoreAsync("second", history.Between(4));

            Assert.Equal(Enumerable.Range(1, 4), await IdsAsync(second));
        }
        finally
        {
            File.Delete(planted);
        }
    }

    [Fact]
    public async Task Starting_the_same_restore_again_resumes_it_instead_of_creating_another()
    {
        var first = await RestoreAsync("twice", history.Between(3));

        // A new restorer, as after a restart of the bot.
        using var again = NewRestorer();
        await again.StartRestoreAsync(new RestoreRequest("twice", history.Between(1), Tags()), Token);
        var status = await again.GetRestoreStatusAsync("twice", Token);

        Assert.Equal(first, status.Endpoint);
        Assert.Single(Directory.GetDirectories(workDir));
        Assert.Equal(Enumerable.Range(1, 3), await IdsAsync(status.Endpoint!));
    }

    [Fact]
    public async Task Delete_stops_the_restored_server_and_removes_its_directory()
    {
        var endpoint = await RestoreAsync("doomed", history.Between(1));

        await Restorer.DeleteAsync("doomed", Token);
        await Restorer.DeleteAsync("doomed", Token);

        Assert.Equal(RestorePhase.NotFound, (await Restorer.GetRestoreStatusAsync("doomed", Token)).Phase);
        await Assert.ThrowsAnyAsync<NpgsqlException>(() => IdsAsync(endpoint));
    }

    private LocalRestorer NewRestorer() => new("orders", new LocalEngineOptions
    {
        BaseBackupDir = history.Primary.BaseBackupDir,
        WalArchiveDir = history.Primary.WalArchiveDir,
        WorkDir = workDir,
    }, history.Installation, TimeProvider.System, NullLogger<LocalRestorer>.Instance);

    private async Task<DatabaseEndpoint> RestoreAsync(string identifier, DateTimeOffset target)
    {
        await Restorer.StartRestoreAsync(new RestoreRequest(identifier, target, Tags()), Token);
        while (true)
        {
            var status = await Restorer.GetRestoreStatusAsync(identifier, Token);
            switch (status.Phase)
            {
                case RestorePhase.Available:
                    return status.Endpoint!;
                case RestorePhase.Failed or RestorePhase.NotFound:
                    Assert.Fail($"restore {identifier} {status.Phase}: {status.Detail}");
                    break;
                default:
                    await Task.Delay(50, Token);
                    break;
            }
        }
    }

    private static async Task<IReadOnlyList<int>> IdsAsync(DatabaseEndpoint endpoint)
    {
        await using var connection = new NpgsqlConnection($"Host={endpoint.Host};Port={endpoint.Port};Username=postgres;Database={endpoint.Database};Pooling=false");
        await connection.OpenAsync(Token);
        await using var command = new NpgsqlCommand("select id from events order by id", connection);
        await using var reader = await command.ExecuteReaderAsync(Token);
        var ids = new List<int>();
        while (await reader.ReadAsync(Token))
        {
            ids.Add(reader.GetInt32(0));
        }

        return ids;
    }

    private static Dictionary<string, string> Tags() => new() { ["recovery"] = "test" };
}
