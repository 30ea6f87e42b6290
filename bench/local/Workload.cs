using Npgsql;
using Pitr.Adapters.Local;

namespace Pitr.Bench.Local;

/// <summary>The history both restores replay: optional bulk data before the base backup, then timestamped writes for a while.</summary>
internal sealed record Workload(long DataMegabytes, long WalMegabytes, TimeSpan WalSpan, DateTimeOffset Target, long RowsAtTarget, int Timeline)
{
    public static async Task<Workload> PrepareAsync(ArchivingPrimary primary, int sizeMb, TimeSpan walSpan)
    {
        await ExecuteAsync(primary, "create table orders(id bigserial primary key, payload text not null, created_at timestamptz not null default clock_timestamp())");
        for (var written = 0; written < sizeMb; written += 100)
        {
            // About 100 MB per statement: 1 kB rows.
            await ExecuteAsync(primary, $"insert into orders(payload) select repeat(md5(g::text), 32) from generate_series(1, {Math.Min(100, sizeMb - written) * 950}) g");
        }

        var dataMb = await ScalarAsync(primary, "select pg_database_size('postgres') / 1048576");
        await primary.TakeBaseBackupAsync("base", CancellationToken.None);
        var startLsn = await ScalarTextAsync(primary, "select pg_current_wal_lsn()::text");
        await Task.Delay(TimeSpan.FromSeconds(1.2));

        var started = DateTimeOffset.UtcNow;
        var batch = 0;
        do
        {
            // Long runs: about 100 kB per transaction, 20 a second (some 2 MB of WAL a second); the default run: the demo's 25-row batches.
            await ExecuteAsync(primary, walSpan > TimeSpan.Zero
                ? "insert into orders(payload) select repeat(md5(g::text), 32) from generate_series(1, 100) g"
                : "insert into orders(payload) select 'item ' || g from generate_series(1, 25) g");
            batch++;
            if (walSpan > TimeSpan.Zero)
            {
                await Task.Delay(50);
            }
        }
        while (walSpan > TimeSpan.Zero ? DateTimeOffset.UtcNow - started < walSpan : batch < 40);

        var rows = await ScalarAsync(primary, "select count(*) from orders");
        var target = DateTimeOffset.UtcNow;
        await Task.Delay(20);
        await ExecuteAsync(primary, "insert into orders(payload) values ('after the target')");
        await primary.SwitchWalAsync(CancellationToken.None);
        var walMb = await ScalarAsync(primary, $"select (pg_current_wal_lsn() - '{startLsn}'::pg_lsn)::bigint / 1048576");
        return new Workload(dataMb, walMb, DateTimeOffset.UtcNow - started, target, rows, 1);
    }

    private static async Task ExecuteAsync(ArchivingPrimary primary, string sql)
    {
        await using var connection = new NpgsqlConnection(primary.ConnectionString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> ScalarAsync(ArchivingPrimary primary, string sql) => long.Parse(await ScalarTextAsync(primary, sql), System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<string> ScalarTextAsync(ArchivingPrimary primary, string sql)
    {
        await using var connection = new NpgsqlConnection(primary.ConnectionString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture)!;
    }
}
