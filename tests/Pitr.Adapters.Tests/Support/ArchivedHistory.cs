using Npgsql;
using Pitr.Adapters.Local;

namespace Pitr.Adapters.Tests.Support;

/// <summary>
/// An archiving primary with one base backup, then a table <c>events</c> into which rows 1..N were
/// committed one transaction each, all archived. <see cref="CommitTimes"/> are the server's own commit
/// timestamps, so tests can aim between two commits without relying on timing.
/// </summary>
public sealed class ArchivedHistory : IAsyncLifetime
{
    public const int Rows = 6;

    private ArchivingPrimary? primary;

    public ArchivingPrimary Primary => primary ?? throw new InvalidOperationException("Not started.");

    public PostgresInstallation Installation { get; } = PostgresInstallation.Find();

    /// <summary>CommitTimes[i] is when row i + 1 was committed.</summary>
    public IReadOnlyList<DateTimeOffset> CommitTimes { get; private set; } = [];

    public DateTimeOffset BackupEnded { get; private set; }

    /// <summary>The instant halfway between the commits of row <paramref name="row"/> and the next one: a restore there holds rows 1..row.</summary>
    public DateTimeOffset Between(int row) => CommitTimes[row - 1] + ((CommitTimes[row] - CommitTimes[row - 1]) / 2);

    public async ValueTask InitializeAsync()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var root = Directory.CreateTempSubdirectory("pitr-history-").FullName;
        primary = await ArchivingPrimary.StartAsync(Installation, root,
            new Dictionary<string, string> { ["track_commit_timestamp"] = "on" }, cancellationToken);
        await ExecuteAsync("create table events(id int primary key, at timestamptz not null default clock_timestamp())", cancellationToken);
        await Primary.TakeBaseBackupAsync("base", cancellationToken);
        BackupEnded = DateTimeOffset.UtcNow;

        // The backup's end is known to the second: commits worth restoring to come after that second.
        await Task.Delay(TimeSpan.FromSeconds(1.2), cancellationToken);
        var times = new List<DateTimeOffset>();
        for (var id = 1; id <= Rows; id++)
        {
            await ExecuteAsync($"insert into events(id) values ({id})", cancellationToken);
            times.Add(await CommitTimeAsync(id, cancellationToken));
            await Task.Delay(30, cancellationToken);
        }

        CommitTimes = times;
        await Primary.SwitchWalAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (primary is not null)
        {
            await primary.DisposeAsync();
        }
    }

    public async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(Primary.ConnectionString());
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<DateTimeOffset> CommitTimeAsync(int id, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(Primary.ConnectionString());
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"select pg_xact_commit_timestamp(xmin) from events where id = {id}", connection);
        return new DateTimeOffset((DateTime)(await command.ExecuteScalarAsync(cancellationToken))!, TimeSpan.Zero);
    }
}
