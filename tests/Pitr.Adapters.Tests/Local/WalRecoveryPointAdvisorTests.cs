using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Pitr.Adapters.Local;
using Pitr.Domain.Ports;

namespace Pitr.Adapters.Tests.Local;

public sealed class WalRecoveryPointAdvisorTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Suggestions_name_the_delete_and_the_drop_and_the_first_recovers_every_row()
    {
        var installation = PostgresInstallation.Find();
        await using var primary = await ArchivingPrimary.StartAsync(installation, Directory.CreateTempSubdirectory("pitr-suggest-").FullName, cancellationToken: Token);
        await ExecuteAsync(primary, "create table orders(id int primary key)");
        await ExecuteAsync(primary, "create table audit(id int)");
        await primary.TakeBaseBackupAsync("base", Token);
        await Task.Delay(TimeSpan.FromSeconds(1.2), Token);
        await ExecuteAsync(primary, "insert into orders select generate_series(1, 500)");
        await ExecuteAsync(primary, "delete from orders where id = 7");
        await ExecuteAsync(primary, "delete from orders where id > 100");
        await ExecuteAsync(primary, "drop table audit");
        await ExecuteAsync(primary, "insert into orders values (1000)");
        await primary.SwitchWalAsync(Token);
        var options = new LocalEngineOptions
        {
            BaseBackupDir = primary.BaseBackupDir,
            WalArchiveDir = primary.WalArchiveDir,
            WorkDir = Path.Combine(primary.RootDirectory, "restores"),
        };

        var suggestions = await new WalRecoveryPointAdvisor("orders", options, installation).SuggestAsync(DateTimeOffset.MinValue, Token);

        Assert.Collection(suggestions,
            delete => Assert.StartsWith("DELETE of 400 rows", delete.What, StringComparison.Ordinal),
            drop => Assert.StartsWith("DROP of relation", drop.What, StringComparison.Ordinal));
        Assert.All(suggestions, s => Assert.True(s.Target < s.CommittedAt));

        using var restorer = new LocalRestorer("orders", options, installation, TimeProvider.System, NullLogger<LocalRestorer>.Instance);
        await restorer.StartRestoreAsync(new RestoreRequest("before-delete", suggestions[0].Target, new Dictionary<string, string>()), Token);
        try
        {
            var endpoint = await WaitAvailableAsync(restorer, "before-delete");
            await using var connection = new NpgsqlConnection($"Host={endpoint.Host};Port={endpoint.Port};Username=postgres;Database=postgres;Pooling=false");
            await connection.OpenAsync(Token);
            await using var count = new NpgsqlCommand("select count(*) from orders", connection);
            Assert.Equal(499L, await count.ExecuteScalarAsync(Token));
        }
        finally
        {
            await restorer.DeleteAsync("before-delete", CancellationToken.None);
        }
    }

    [Fact]
    public async Task Relations_are_named_by_the_source_and_a_dropped_one_keeps_its_file_number()
    {
        var installation = PostgresInstallation.Find();
        await using var primary = await ArchivingPrimary.StartAsync(installation, Directory.CreateTempSubdirectory("pitr-suggest-").FullName, cancellationToken: Token);
        await ExecuteAsync(primary, "create schema sales; create table sales.orders(id int primary key); create table audit(id int)");
        await primary.TakeBaseBackupAsync("base", Token);
        await ExecuteAsync(primary, "insert into sales.orders select generate_series(1, 300)");
        await ExecuteAsync(primary, "delete from sales.orders where id > 50");
        await ExecuteAsync(primary, "drop table audit");
        await primary.SwitchWalAsync(Token);
        var options = new LocalEngineOptions
        {
            BaseBackupDir = primary.BaseBackupDir,
            WalArchiveDir = primary.WalArchiveDir,
            WorkDir = Path.Combine(primary.RootDirectory, "restores"),
            SourceConnectionString = primary.ConnectionString(),
        };

        var named = await new WalRecoveryPointAdvisor("orders", options, installation).SuggestAsync(DateTimeOffset.MinValue, Token);
        var unnamed = await new WalRecoveryPointAdvisor("orders", WithoutSource(options), installation).SuggestAsync(DateTimeOffset.MinValue, Token);

        Assert.Collection(named,
            delete => Assert.Equal("DELETE of 250 rows from sales.orders", delete.What),
            drop => Assert.StartsWith("DROP of relation", drop.What, StringComparison.Ordinal));
        Assert.StartsWith("DELETE of 250 rows from relation ", unnamed[0].What, StringComparison.Ordinal);
        Assert.Equal(named.Select(s => s.Target), unnamed.Select(s => s.Target));
    }

    [Fact]
    public async Task Nothing_is_suggested_for_commits_before_since()
    {
        var installation = PostgresInstallation.Find();
        await using var primary = await ArchivingPrimary.StartAsync(installation, Directory.CreateTempSubdirectory("pitr-suggest-").FullName, cancellationToken: Token);
        await ExecuteAsync(primary, "create table t(id int)");
        await primary.TakeBaseBackupAsync("base", Token);
        await ExecuteAsync(primary, "drop table t");
        await primary.SwitchWalAsync(Token);
        var options = new LocalEngineOptions { BaseBackupDir = primary.BaseBackupDir, WalArchiveDir = primary.WalArchiveDir, WorkDir = primary.RootDirectory + "/w" };

        var suggestions = await new WalRecoveryPointAdvisor("orders", options, installation).SuggestAsync(DateTimeOffset.UtcNow.AddMinutes(1), Token);

        Assert.Empty(suggestions);
    }

    private static LocalEngineOptions WithoutSource(LocalEngineOptions options) =>
        new() { BaseBackupDir = options.BaseBackupDir, WalArchiveDir = options.WalArchiveDir, WorkDir = options.WorkDir };

    private static async Task<DatabaseEndpoint> WaitAvailableAsync(LocalRestorer restorer, string identifier)
    {
        while (true)
        {
            var status = await restorer.GetRestoreStatusAsync(identifier, Token);
            if (status.Phase == RestorePhase.Available)
            {
                return status.Endpoint!;
            }

            Assert.NotEqual(RestorePhase.Failed, status.Phase);
            await Task.Delay(50, Token);
        }
    }

    private static async Task ExecuteAsync(ArchivingPrimary primary, string sql)
    {
        await using var connection = new NpgsqlConnection(primary.ConnectionString());
        await connection.OpenAsync(Token);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(Token);
    }
}
