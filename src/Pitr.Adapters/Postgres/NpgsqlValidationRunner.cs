using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Npgsql;
using Pitr.Domain;
using Pitr.Domain.Ports;

namespace Pitr.Adapters.Postgres;

/// <summary>
/// Runs the configured checks against a restored database, each on its own connection in a
/// read-only transaction with a statement timeout, all at once. A check that errors fails with the
/// server's message; nothing a check sees is written anywhere but its result.
/// </summary>
internal sealed partial class NpgsqlValidationRunner(ValidationOptions options, ILogger<NpgsqlValidationRunner> logger) : IValidationRunner
{
    public const string LandedAtName = "landed at target";

    public const string ConnectionName = "connection";

    public async ValueTask<ValidationReport> RunAsync(DatabaseEndpoint restored, DateTimeOffset target, CancellationToken cancellationToken)
    {
        var connectionString = ConnectionStringFor(restored);
        var checks = options.Checks.Select(check => RunCheckAsync(connectionString, check, cancellationToken)).ToList();
        if (options.LandedAt is { } landed)
        {
            checks.Add(RunLandedAtAsync(connectionString, landed, target, cancellationToken));
        }

        // With nothing configured, "0/0 passed" would offer Approve for a database nobody reached.
        var noDataChecks = checks.Count == 0;
        if (noDataChecks)
        {
            checks.Add(RunConnectionAsync(connectionString, cancellationToken));
        }

        var results = await Task.WhenAll(checks);
        LogValidated(restored.Identifier, results.Count(r => r.Passed), results.Length);
        return new ValidationReport(results) { NoDataChecks = noDataChecks };
    }

    /// <summary>
    /// The restored server answers a query and has stopped replaying: promoted, or paused at its target (read-only until
    /// the cutover promotes it). A server still replaying is not at the target yet.
    /// </summary>
    private async Task<CheckResult> RunConnectionAsync(string connectionString, CancellationToken cancellationToken)
    {
        const string expected = "answers; promoted or paused at the target";
        const string sql = "select case when not pg_is_in_recovery() then 'promoted' when pg_is_wal_replay_paused() then 'paused' else 'replaying' end";
        var started = Stopwatch.GetTimestamp();
        try
        {
            return await ScalarAsync(connectionString, sql, cancellationToken) switch
            {
                "promoted" => new CheckResult(ConnectionName, true, "answers; not in recovery", expected, Stopwatch.GetElapsedTime(started)),
                "paused" => new CheckResult(ConnectionName, true, "answers; paused at the target (read-only until promoted)", expected, Stopwatch.GetElapsedTime(started)),
                _ => new CheckResult(ConnectionName, false, "answers; still replaying WAL (not at the target)", expected, Stopwatch.GetElapsedTime(started)),
            };
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            return new CheckResult(ConnectionName, false, $"error: {e.Message}", expected, Stopwatch.GetElapsedTime(started));
        }
    }

    private async Task<CheckResult> RunCheckAsync(string connectionString, ValidationCheck check, CancellationToken cancellationToken)
    {
        var expectation = Expectation.Parse(check.Expect);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var value = await ScalarAsync(connectionString, check.Sql, cancellationToken);
            return new CheckResult(check.Name, expectation.IsMetBy(value), value ?? "null", expectation.ToString(), Stopwatch.GetElapsedTime(started));
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            return new CheckResult(check.Name, false, $"error: {e.Message}", expectation.ToString(), Stopwatch.GetElapsedTime(started));
        }
    }

    /// <summary>The newest row is not after the target, and not older than the target minus the tolerance.</summary>
    private async Task<CheckResult> RunLandedAtAsync(string connectionString, LandedAtCheck landed, DateTimeOffset target, CancellationToken cancellationToken)
    {
        var expected = $"newest {landed.Table}.{landed.Column} in [{TimeFormat.Utc(target - landed.Tolerance)}, {TimeFormat.Utc(target)}]";
        var started = Stopwatch.GetTimestamp();
        try
        {
            var sql = $"select to_char(max({Quote(landed.Column)}) at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US') from {QuoteQualified(landed.Table)}";
            var value = await ScalarAsync(connectionString, sql, cancellationToken);
            if (value is null)
            {
                return new CheckResult(LandedAtName, false, $"{landed.Table} is empty", expected, Stopwatch.GetElapsedTime(started));
            }

            var newest = new DateTimeOffset(DateTime.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal), TimeSpan.Zero);
            var passed = newest <= target && newest >= target - landed.Tolerance;
            var observed = newest <= target
                ? $"newest row {TimeFormat.Duration(target - newest)} before target ({newest.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)})"
                : $"newest row {TimeFormat.Duration(newest - target)} AFTER target ({newest.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)})";
            return new CheckResult(LandedAtName, passed, observed, expected, Stopwatch.GetElapsedTime(started));
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            return new CheckResult(LandedAtName, false, $"error: {e.Message}", expected, Stopwatch.GetElapsedTime(started));
        }
    }

    private async Task<string?> ScalarAsync(string connectionString, string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var readOnly = new NpgsqlCommand(
            $"set transaction read only; set local statement_timeout = {options.StatementTimeoutSeconds * 1000}", connection, transaction))
        {
            await readOnly.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var command = new NpgsqlCommand(sql, connection, transaction) { CommandTimeout = options.StatementTimeoutSeconds + 5 };
        var value = await command.ExecuteScalarAsync(cancellationToken);
        await transaction.RollbackAsync(cancellationToken);
        return value switch
        {
            null or DBNull => null,
            bool b => b ? "true" : "false",
            DateTime d => d.ToString("O", CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString(),
        };
    }

    private string ConnectionStringFor(DatabaseEndpoint endpoint)
    {
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = options.Endpoint?.Host ?? endpoint.Host,
            Port = options.Endpoint?.Port ?? endpoint.Port,
            Database = options.Database ?? endpoint.Database,
            Username = options.Username,
            Password = options.Password,
            SslMode = Enum.Parse<SslMode>(options.SslMode, ignoreCase: true),
            Pooling = false,
            Timeout = 15,
            ApplicationName = "pitr-validation",
        };
        return builder.ConnectionString;
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string QuoteQualified(string name) => string.Join('.', name.Split('.').Select(Quote));

    [LoggerMessage(LogLevel.Information, "Validation of {Identifier}: {Passed}/{Total} checks passed")]
    private partial void LogValidated(string identifier, int passed, int total);
}
