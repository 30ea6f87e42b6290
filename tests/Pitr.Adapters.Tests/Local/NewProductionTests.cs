using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Pitr.Adapters.Local;
using Pitr.Domain.Ports;

namespace Pitr.Adapters.Tests.Local;

/// <summary>
/// The incident after the incident: a restored server becomes production, is protected (archiving, a
/// fresh base backup), takes writes, and is itself recovered to a second between two of them; rolled
/// back, production is the source again and restores follow the source's timeline, not the newest backup's.
/// </summary>
public sealed class NewProductionTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_protected_restore_is_recovered_exactly_in_the_next_incident()
    {
        var installation = PostgresInstallation.Find();
        await using var primary = await ArchivingPrimary.StartAsync(installation, Directory.CreateTempSubdirectory("pitr-lineage-").FullName, cancellationToken: Token);
        await ExecuteAsync(primary.ConnectionString(), "create table events(id int primary key, at timestamptz default clock_timestamp())");
        await primary.TakeBaseBackupAsync("base", Token);
        await Task.Delay(TimeSpan.FromSeconds(1.2), Token);
        await ExecuteAsync(primary.ConnectionString(), "insert into events(id) select generate_series(1, 10)");
        await primary.SwitchWalAsync(Token);
        var options = new LocalEngineOptions { BaseBackupDir = primary.BaseBackupDir, WalArchiveDir = primary.WalArchiveDir, WorkDir = Path.Combine(primary.RootDirectory, "restores") };
        using var restorer = new LocalRestorer("orders", options, installation, TimeProvider.System, NullLogger<LocalRestorer>.Instance);
        try
        {
            // First incident: production moves to the restore, which is then protected.
            var firstWindow = await restorer.GetRestorableWindowAsync(Token);
            var before = await restorer.DescribeSourceAsync(Token);
            var production = await RestoreAsync(restorer, "pitr-first-a1", firstWindow.Latest);
            await restorer.PromoteAsync("pitr-first-a1", Token);
            var protection = await restorer.ProtectAsync("pitr-first-a1", Token);
            var again = await restorer.ProtectAsync("pitr-first-a1", Token);
            var fromProduction = restorer.From("pitr-first-a1");
            var after = await fromProduction.DescribeSourceAsync(Token);

            // Production goes on, on the restored server: rows 11-15, the target, then the damage (16-20).
            var connection = $"Host={production.Host};Port={production.Port};Username=postgres;Database=postgres;Pooling=false";
            await Task.Delay(TimeSpan.FromSeconds(1.2), Token);
            await ExecuteAsync(connection, "insert into events(id) select generate_series(11, 15)");
            await Task.Delay(TimeSpan.FromMilliseconds(300), Token);
            var target = DateTimeOffset.UtcNow;
            await Task.Delay(TimeSpan.FromMilliseconds(300), Token);
            await ExecuteAsync(connection, "insert into events(id) select generate_series(16, 20)");
            await ExecuteAsync(connection, "select pg_switch_wal()");
            var window = await WaitForLatestAsync(fromProduction, target);

            // Second incident: recovered from the new production, exactly to the second chosen.
            var second = await RestoreAsync(fromProduction, "pitr-second-a1", target);

            // Rolled back: the application writes to the source again, and a restore follows the source.
            await ExecuteAsync(primary.ConnectionString(), "insert into events(id) select generate_series(21, 25)");
            await primary.SwitchWalAsync(Token);
            var sourceAgain = await restorer.DescribeSourceAsync(Token);
            var rolledBack = await RestoreAsync(restorer, "pitr-third-a1", (await WaitForLatestAsync(restorer, target)).Latest);

            Assert.Equal(("orders", "pitr-first-a1", "orders"), (before.Identifier, after.Identifier, sourceAgain.Identifier));
            Assert.Equal(before.Settings["timeline"], sourceAgain.Settings["timeline"]);
            Assert.True(protection.Protected, string.Join("; ", protection.Items.Select(i => $"{i.Name}: {i.Observed}")));
            Assert.Equal(protection.Items.Select(i => i.Name), again.Items.Select(i => i.Name));
            Assert.Equal(2, Directory.GetDirectories(primary.BaseBackupDir).Length);
            Assert.True(window.Earliest > firstWindow.Latest, $"the new window starts at the new backup ({window.Earliest:O}), after the first target ({firstWindow.Latest:O})");
            Assert.Equal(Enumerable.Range(1, 15), await IdsAsync($"Host={second.Host};Port={second.Port};Username=postgres;Database=postgres;Pooling=false"));
            Assert.Equal([.. Enumerable.Range(1, 10), .. Enumerable.Range(21, 5)], await IdsAsync($"Host={rolledBack.Host};Port={rolledBack.Port};Username=postgres;Database=postgres;Pooling=false"));
        }
        finally
        {
            await restorer.DeleteAsync("pitr-third-a1", CancellationToken.None);
            await restorer.DeleteAsync("pitr-second-a1", CancellationToken.None);
            await restorer.DeleteAsync("pitr-first-a1", CancellationToken.None);
        }
    }

    private static async Task<RestorableWindow> WaitForLatestAsync(IDatabaseRestorer restorer, DateTimeOffset after)
    {
        for (var i = 0; i < 200; i++)
        {
            try
            {
                if (await restorer.GetRestorableWindowAsync(Token) is { } window && window.Latest > after)
                {
                    return window;
                }
            }
            catch (RestoreRefusedException)
            {
                // Nothing archived on the new timeline yet.
            }

            await Task.Delay(50, Token);
        }

        throw new TimeoutException($"The new production's archived WAL never reached past {after:O}.");
    }

    private static async Task<DatabaseEndpoint> RestoreAsync(IDatabaseRestorer restorer, string identifier, DateTimeOffset target)
    {
        await restorer.StartRestoreAsync(new RestoreRequest(identifier, target, new Dictionary<string, string>()), Token);
        for (var i = 0; i < 600; i++)
        {
            var status = await restorer.GetRestoreStatusAsync(identifier, Token);
            if (status.Phase == RestorePhase.Available)
            {
                return status.Endpoint!;
            }

            Assert.False(status.Phase is RestorePhase.Failed or RestorePhase.NotFound, $"restore {identifier} {status.Phase}: {status.Detail}");
            await Task.Delay(50, Token);
        }

        throw new TimeoutException($"Restore {identifier} never became available.");
    }

    private static async Task<IReadOnlyList<int>> IdsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
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

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Token);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(Token);
    }
}
