using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Pitr.Adapters.Local;
using Pitr.Adapters.Postgres;
using Pitr.Adapters.Tests.Support;
using Pitr.Domain.Ports;

namespace Pitr.Adapters.Tests.Local;

/// <summary>
/// Pause-and-verify on a real server, after PostgreSQL's own src/test/recovery/t/003_recovery_targets.pl: each restore
/// stops at its target (time, or the last commit's LSN) holding exactly the rows committed before it, read-only; a
/// later target is reached by the same data directory replaying on; an earlier one needs a new restore; promotion
/// makes it writable.
/// </summary>
public sealed class PauseAndContinueTests(ArchivedHistory history) : IClassFixture<ArchivedHistory>, IAsyncLifetime
{
    private readonly string workDir = Path.Combine(history.Primary.RootDirectory, "paused-" + Guid.NewGuid().ToString("N")[..8]);
    private LocalRestorer? restorer;

    private LocalRestorer Restorer => restorer!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        restorer = NewRestorer();
        return ValueTask.CompletedTask;
    }

    private LocalRestorer NewRestorer() => new("orders", new LocalEngineOptions
    {
        BaseBackupDir = history.Primary.BaseBackupDir,
        WalArchiveDir = history.Primary.WalArchiveDir,
        WorkDir = workDir,
    }, history.Installation, TimeProvider.System, NullLogger<LocalRestorer>.Instance);

    public async ValueTask DisposeAsync()
    {
        foreach (var directory in Directory.Exists(workDir) ? Directory.GetDirectories(workDir) : [])
        {
            await Restorer.DeleteAsync(Path.GetFileName(directory), CancellationToken.None);
        }

        Restorer.Dispose();
    }

    [Fact]
    public async Task Pauses_at_the_target_read_only_and_validation_sees_the_rows_before_it_and_none_after()
    {
        var target = history.Between(2);
        var status = await RestoreAsync("paused", target);

        var report = await new NpgsqlValidationRunner(new ValidationOptions
        {
            Checks = { new ValidationCheck { Name = "rows", Sql = "select string_agg(id::text, ',' order by id) from events", Expect = "= '1,2'" } },
            LandedAt = new LandedAtCheck { Table = "public.events", Column = "at", Tolerance = TimeSpan.FromMinutes(1) },
        }, NullLogger<NpgsqlValidationRunner>.Instance).RunAsync(status.Endpoint!, target, Token);

        Assert.True(status.PausedAtTarget);
        Assert.True(report.Passed, string.Join("; ", report.Checks.Select(c => $"{c.Name}: {c.Observed} (expected {c.Expected})")));
        Assert.Equal([1, 2], await IdsAsync(status.Endpoint!));
        Assert.True(await InRecoveryAsync(status.Endpoint!));
        var write = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(status.Endpoint!, "insert into events(id) values (100)"));
        Assert.Equal(PostgresErrorCodes.ReadOnlySqlTransaction, write.SqlState);
    }

    [Fact]
    public async Task Replays_on_to_each_later_target_in_the_same_data_directory_and_lands_exactly()
    {
        var paused = await RestoreAsync("replayed", history.Between(2));
        var first = await IdsAsync(paused.Endpoint!);
        var data = Path.Combine(workDir, "replayed", "data");
        var marker = Path.Combine(data, "pitr-test-marker");
        await File.WriteAllTextAsync(marker, "the copy made by the first restore", Token);

        var later = await ContinueAsync("replayed", history.Between(4));
        var latest = await ContinueAsync("replayed", history.CommitTimes[^1]);

        Assert.Equal([1, 2], first);
        Assert.Equal([1, 2, 3, 4], later.Ids);
        Assert.Equal(Enumerable.Range(1, ArchivedHistory.Rows), latest.Ids);
        Assert.True(later.Status.PausedAtTarget && latest.Status.PausedAtTarget);
        Assert.Equal([paused.Endpoint!.Port, paused.Endpoint.Port], [later.Status.Endpoint!.Port, latest.Status.Endpoint!.Port]);
        Assert.True(File.Exists(marker), "the data directory was copied again");
        Assert.Equal([Path.Combine(workDir, "replayed")], Directory.GetDirectories(workDir));
    }

    [Fact]
    public async Task A_replay_on_cut_short_by_a_crash_is_finished_by_the_restarted_bot_asking_again_and_lands_exactly()
    {
        await RestoreAsync("crashed", history.Between(2));
        var later = new RestoreRequest("crashed", history.Between(4), Tags());
        await Restorer.ContinueRestoreAsync(later, Token);

        // The machine goes down before anyone saw the end of replay: the server dies without a shutdown checkpoint.
        var data = Path.Combine(workDir, "crashed", "data");
        await history.Installation.RunAsync("pg_ctl", ["stop", "-D", data, "-m", "immediate", "-w"], Token);
        using var restarted = NewRestorer();
        await restarted.ContinueRestoreAsync(later, Token);
        var status = await AvailableAsync(restarted, "crashed");

        Assert.True(status.PausedAtTarget);
        Assert.Equal([1, 2, 3, 4], await IdsAsync(status.Endpoint!));
    }

    [Fact]
    public async Task Refuses_to_replay_back_to_an_earlier_target_which_a_new_restore_reaches()
    {
        await RestoreAsync("ahead", history.Between(3));

        await Assert.ThrowsAsync<RestoreRefusedException>(() =>
            Restorer.ContinueRestoreAsync(new RestoreRequest("ahead", history.Between(1), Tags()), Token).AsTask());
        var anew = await RestoreAsync("anew", history.Between(1));

        Assert.Equal([1, 2, 3], await IdsAsync((await Restorer.GetRestoreStatusAsync("ahead", Token)).Endpoint!));
        Assert.Equal([1], await IdsAsync(anew.Endpoint!));
    }

    [Fact]
    public async Task Promotion_makes_the_paused_restore_writable_at_its_target()
    {
        var paused = await RestoreAsync("promoted", history.Between(3));

        await Restorer.PromoteAsync("promoted", Token);
        await Restorer.PromoteAsync("promoted", Token);
        var status = await Restorer.GetRestoreStatusAsync("promoted", Token);

        Assert.True(paused.PausedAtTarget);
        Assert.Equal((RestorePhase.Available, false), (status.Phase, status.PausedAtTarget));
        Assert.False(await InRecoveryAsync(status.Endpoint!));
        await ExecuteAsync(status.Endpoint!, "insert into events(id) values (100)");
        Assert.Equal([1, 2, 3, 100], await IdsAsync(status.Endpoint!));
    }

    private async Task<RestoreStatus> RestoreAsync(string identifier, DateTimeOffset target)
    {
        await Restorer.StartRestoreAsync(new RestoreRequest(identifier, target, Tags()), Token);
        return await AvailableAsync(identifier);
    }

    private async Task<(RestoreStatus Status, IReadOnlyList<int> Ids)> ContinueAsync(string identifier, DateTimeOffset target)
    {
        await Restorer.ContinueRestoreAsync(new RestoreRequest(identifier, target, Tags()), Token);
        var status = await AvailableAsync(identifier);
        return (status, await IdsAsync(status.Endpoint!));
    }

    private Task<RestoreStatus> AvailableAsync(string identifier) => AvailableAsync(Restorer, identifier);

    private static async Task<RestoreStatus> AvailableAsync(LocalRestorer restorer, string identifier)
    {
        while (true)
        {
            var status = await restorer.GetRestoreStatusAsync(identifier, Token);
            switch (status.Phase)
            {
                case RestorePhase.Available:
                    return status;
                case RestorePhase.Failed or RestorePhase.NotFound:
                    Assert.Fail($"restore {identifier} {status.Phase}: {status.Detail}");
                    break;
                default:
                    await Task.Delay(50, Token);
                    break;
            }
        }
    }

    private static string ConnectionString(DatabaseEndpoint endpoint) =>
        $"Host={endpoint.Host};Port={endpoint.Port};Username=postgres;Database={endpoint.Database};Pooling=false";

    private static async Task<IReadOnlyList<int>> IdsAsync(DatabaseEndpoint endpoint)
    {
        await using var connection = new NpgsqlConnection(ConnectionString(endpoint));
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

    private static async Task<bool> InRecoveryAsync(DatabaseEndpoint endpoint)
    {
        await using var connection = new NpgsqlConnection(ConnectionString(endpoint));
        await connection.OpenAsync(Token);
        await using var command = new NpgsqlCommand("select pg_is_in_recovery()", connection);
        return (bool)(await command.ExecuteScalarAsync(Token))!;
    }

    private static async Task ExecuteAsync(DatabaseEndpoint endpoint, string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString(endpoint));
        await connection.OpenAsync(Token);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(Token);
    }

    private static Dictionary<string, string> Tags() => new() { ["recovery"] = "test" };
}
