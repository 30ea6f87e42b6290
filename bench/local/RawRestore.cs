using System.Diagnostics;
using Npgsql;
using Pitr.Adapters.Local;

namespace Pitr.Bench.Local;

/// <summary>
/// What an operator would type: copy the base backup, write the recovery settings, start, poll until replay ends at the
/// target — paused there for inspection, as the bot's restores are.
/// </summary>
internal static class RawRestore
{
    public static async Task<(TimeSpan Elapsed, long Rows)> RunAsync(
        PostgresInstallation installation, ArchivingPrimary primary, string dataDirectory, DateTimeOffset target, int timeline)
    {
        var started = Stopwatch.GetTimestamp();
        await installation.RunAsAsync("cp", ["-a", Path.Combine(primary.BaseBackupDir, "base"), dataDirectory], CancellationToken.None);
        var server = new PostgresServer(installation, dataDirectory);
        await server.ConfigureAsync(new Dictionary<string, string>
        {
            ["restore_command"] = $"cp \"{primary.WalArchiveDir}/%f\" \"%p\"",
            ["recovery_target_time"] = target.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss.ffffff", System.Globalization.CultureInfo.InvariantCulture) + "+00",
            ["recovery_target_action"] = "pause",
            ["recovery_target_timeline"] = timeline.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["archive_mode"] = "off",
        }, CancellationToken.None);
        var signal = Path.Combine(dataDirectory, "recovery.signal");
        await File.WriteAllTextAsync(signal, string.Empty);
        await installation.GiveAsync(signal, CancellationToken.None);
        // pg_ctl as typed (it waits by default, looking every 100 ms), not the engine's start.
        var port = PostgresServer.FreePort();
        await installation.RunAsync("pg_ctl",
            ["start", "-D", dataDirectory, "-l", Path.Combine(dataDirectory, "raw-server.log"), "-o", $"-p {port} -k {Path.GetTempPath()}"], CancellationToken.None);
        var connectionString = $"Host={PostgresServer.Host};Port={port};Username={PostgresServer.Superuser};Database=postgres;Pooling=false";
        await ReplayEnd.WaitAsync(connectionString, TimeSpan.FromMilliseconds(10));
        var elapsed = Stopwatch.GetElapsedTime(started);
        var rows = await ReplayEnd.CountAsync(connectionString);
        await server.StopAsync();
        return (elapsed, rows);
    }
}

internal static class ReplayEnd
{
    /// <summary>Polls until the server answers that replay has ended (paused at the target, or promoted); returns when it saw that.</summary>
    public static async Task<long> WaitAsync(string connectionString, TimeSpan interval)
    {
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync();
                await using var command = new NpgsqlCommand("select not pg_is_in_recovery() or pg_get_wal_replay_pause_state() = 'paused'", connection);
                if ((bool)(await command.ExecuteScalarAsync())!)
                {
                    return Stopwatch.GetTimestamp();
                }
            }
            catch (NpgsqlException)
            {
                // Still starting.
            }

            await Task.Delay(interval);
        }
    }

    /// <summary>
    /// When the server logged the end of replay: paused at the target, or accepting read-write connections after
    /// promotion (a hot standby's "read-only" line comes earlier); read afterwards, so watching costs the measured process nothing.
    /// </summary>
    public static DateTimeOffset EndedAtFromLog(string logFile)
    {
        using var stream = new FileStream(logFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var line = reader.ReadToEnd().Split('\n').Last(l =>
            l.Contains("pausing at the end of recovery", StringComparison.Ordinal) || l.Contains("database system is ready to accept connections", StringComparison.Ordinal));

        // log_line_prefix '%m [%p] ': "2026-12-03 17:45:01.123 UTC [123] LOG:  ..."
        var parts = line.Split(' ');
        if (parts[2] is not ("UTC" or "GMT"))
        {
            throw new InvalidOperationException($"the server logs in {parts[2]}, not UTC: {line}");
        }

        return DateTimeOffset.ParseExact($"{parts[0]} {parts[1]}", "yyyy-MM-dd HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal);
    }

    public static async Task<long> CountAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select count(*) from orders", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
