using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Pitr.Adapters.Local;
using Pitr.Adapters.Postgres;
using Pitr.Adapters.Tests.Support;
using Pitr.Domain.Ports;
using Pitr.Domain.Recoveries;
using Pitr.Domain.Recoveries.Events;
using Pitr.Domain.Recoveries.Start;
using Pitr.Domain.Tests.Fakes;

namespace Pitr.Adapters.Tests.Local;

/// <summary>
/// A drill with a marker proof, composed from configuration (<c>Drills:MarkerConnection</c>) over an archiving primary and the
/// local engine: it restores to the first marker's commit and finds it, misses the second, and cannot pass when the archive
/// lost the segment that holds the markers.
/// </summary>
public sealed class MarkerProofDrillTests : IAsyncLifetime
{
    private readonly string root = Directory.CreateTempSubdirectory("pitr-marker-").FullName;
    private readonly PostgresInstallation installation = PostgresInstallation.Find();
    private ArchivingPrimary primary = null!;
    private ServiceProvider services = null!;
    private WiredEngine engine = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        primary = await ArchivingPrimary.StartAsync(installation, Path.Combine(root, "source"),
            new Dictionary<string, string> { ["track_commit_timestamp"] = "on" }, Cancel);
        await ExecuteAsync("create table orders(id int primary key)");
        await primary.TakeBaseBackupAsync("base", Cancel);

        // The window starts at the backup's end, known to the second: markers worth restoring to come after that second.
        await Task.Delay(TimeSpan.FromSeconds(1.2), Cancel);
        await ExecuteAsync("insert into orders select generate_series(1, 10)");

        // A fresh segment: whatever the drill writes lands in the one segment its switch closes.
        await primary.SwitchWalAsync(Cancel);
        services = Compose();
        engine = new WiredEngine(services.GetRequiredService<IRecoveryStore>(), services.GetRequiredService<IThreadLog>(), new RecordingChannel(),
            services.GetRequiredService<IDatabaseCatalog>(), new RecoveryRules(), TimeProvider.System);
    }

    public async ValueTask DisposeAsync()
    {
        if (engine is not null)
        {
            foreach (var directory in Directory.Exists(Path.Combine(root, "restores")) ? Directory.GetDirectories(Path.Combine(root, "restores")) : [])
            {
                await engine.Catalog.Find("orders")!.Restorer.DeleteAsync(Path.GetFileName(directory), CancellationToken.None);
            }
        }

        if (services is not null)
        {
            await services.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        await primary.DisposeAsync();
        Directory.Delete(root, recursive: true);
    }

    [Fact]
    public async Task Drill_lands_on_the_first_markers_commit_finds_it_and_misses_the_second()
    {
        var id = await PlanAsync();
        var before = await CommitTimeAsync(id, "before");
        var after = await CommitTimeAsync(id, "after");

        var drill = await RunToEndAsync(id);

        Assert.Equal(RecoveryState.Completed, drill.State);
        Assert.Equal(before, drill.Attempts[0].Target);
        Assert.True(after > before, $"second marker {after:O} after the target {before:O}");
        var checks = drill.Attempts[0].Validation!.Checks;
        Assert.Contains(checks, c => c is { Name: NpgsqlMarkerProof.BeforeName, Passed: true, Observed: "present" });
        Assert.Contains(checks, c => c is { Name: NpgsqlMarkerProof.AfterName, Passed: true, Observed: "absent" });
        Assert.True(drill.Attempts[0].Validation!.Passed, string.Join("; ", checks.Select(c => $"{c.Name}: {c.Observed}")));
    }

    [Fact]
    public async Task Drill_fails_when_the_archive_lost_the_segment_holding_the_markers()
    {
        var archived = Directory.GetFiles(primary.WalArchiveDir).ToHashSet();
        var id = await PlanAsync();
        var holding = Assert.Single(Directory.GetFiles(primary.WalArchiveDir), f => !archived.Contains(f));
        File.Delete(holding);

        // Production goes on and archives past the hole, so the archive still looks current.
        await ExecuteAsync("insert into orders values (11)");
        await primary.SwitchWalAsync(Cancel);

        var drill = await RunToEndAsync(id);

        Assert.Equal(RecoveryState.Failed, drill.State);

        // The engine says it while the server starts, or when it is asked for the restore's status afterwards.
        var reason = drill.Trouble switch { StepFailed s => s.Reason, RestoreFailed r => r.EngineDetail, _ => $"{drill.Trouble}" };
        Assert.Contains("recovery ended before configured recovery target was reached", reason, StringComparison.Ordinal);
        Assert.Null(drill.Attempts[^1].Validation);
    }

    [Fact]
    public async Task A_marker_written_after_an_instant_commits_after_it_by_the_sources_clock()
    {
        var proof = engine.Catalog.Find("orders")!.Markers!;

        var first = await proof.WriteAsync("t1", MarkerRole.BeforeTarget, null, Cancel);
        var nextSecond = new DateTimeOffset((first.CommittedAt.UtcTicks / TimeSpan.TicksPerSecond + 1) * TimeSpan.TicksPerSecond, TimeSpan.Zero);
        var second = await proof.WriteAsync("t1", MarkerRole.AfterTarget, nextSecond, Cancel);

        Assert.Equal(first.CommittedAt, await CommitTimeAsync("t1", "before"));
        Assert.Equal(second.CommittedAt, await CommitTimeAsync("t1", "after"));
        Assert.True(second.CommittedAt > nextSecond, $"second marker committed {second.CommittedAt:O}, not after {nextSecond:O}");
    }

    private async Task<string> PlanAsync()
    {
        var planned = await engine.Start.Handle(new StartRecovery("orders", null, new Actor("U1", "alice"), "C1", RecoveryMode.Drill, AutoApprove: true), Cancel);
        Assert.True(planned.Succeeded, $"{planned.Why}");
        var confirmed = await engine.ActAsync(planned.Recovery!.Id, RecoveryTrigger.Confirm, new Actor("U1", "alice"), Cancel);
        Assert.True(confirmed.Succeeded, $"{confirmed.Why}");
        return planned.Recovery.Id;
    }

    private async Task<RecoverySnapshot> RunToEndAsync(string id)
    {
        for (var step = 0; step < 600; step++)
        {
            var recovery = await engine.Store.FindAsync(id, Cancel) ?? throw new InvalidOperationException($"no recovery {id}");
            if (recovery.State is RecoveryState.Completed or RecoveryState.Failed or RecoveryState.Aborted)
            {
                return recovery;
            }

            var next = await engine.Stepper.AdvanceAsync(id, Cancel);
            await Task.Delay(next > TimeSpan.Zero && next < TimeSpan.FromMilliseconds(200) ? next : TimeSpan.FromMilliseconds(20), Cancel);
        }

        throw new InvalidOperationException($"{id} never ended.");
    }

    private async Task<DateTimeOffset> CommitTimeAsync(string recoveryId, string role)
    {
        await using var connection = new NpgsqlConnection(primary.ConnectionString());
        await connection.OpenAsync(Cancel);
        await using var command = new NpgsqlCommand("select pg_xact_commit_timestamp(xmin) from pitr_drill_marker where recovery_id = $1 and role = $2", connection);
        command.Parameters.Add(new() { Value = recoveryId });
        command.Parameters.Add(new() { Value = role });
        return new DateTimeOffset((DateTime)(await command.ExecuteScalarAsync(Cancel))!, TimeSpan.Zero);
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(primary.ConnectionString());
        await connection.OpenAsync(Cancel);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(Cancel);
    }

    private ServiceProvider Compose()
    {
        const string db = "Pitr:Databases:orders";
        var settings = new Dictionary<string, string?>
        {
            ["Pitr:Store:Sqlite:Path"] = Path.Combine(root, "pitr.db"),
            [$"{db}:Engine"] = "local",
            [$"{db}:Local:BaseBackupDir"] = primary.BaseBackupDir,
            [$"{db}:Local:WalArchiveDir"] = primary.WalArchiveDir,
            [$"{db}:Local:WorkDir"] = Path.Combine(root, "restores"),
            [$"{db}:Policy:PollInterval"] = "00:00:00.100",
            [$"{db}:Policy:DrillMarkerWait"] = "00:01:00",
            [$"{db}:Drills:MarkerConnection"] = primary.ConnectionString(),
            [$"{db}:Validation:Username"] = PostgresServer.Superuser,
            [$"{db}:Validation:SslMode"] = "Disable",
            [$"{db}:Secret:Store"] = "file",
            [$"{db}:Secret:File:Path"] = Path.Combine(root, "secret.json"),
            [$"{db}:Workloads:Restarter"] = "none",
            [$"{db}:Health:Probe"] = "none",
        };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging().AddSingleton(TimeProvider.System)
            .AddPitrAdapters(configuration).BuildServiceProvider();
    }
}
