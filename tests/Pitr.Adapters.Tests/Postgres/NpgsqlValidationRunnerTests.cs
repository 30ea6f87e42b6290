using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Pitr.Adapters.Local;
using Pitr.Adapters.Postgres;
using Pitr.Adapters.Tests.Support;
using Pitr.Domain.Ports;

namespace Pitr.Adapters.Tests.Postgres;

public sealed class NpgsqlValidationRunnerTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>, IAsyncLifetime
{
    private static readonly DateTimeOffset Target = new(2024, 5, 1, 10, 32, 15, TimeSpan.Zero);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private DatabaseEndpoint Endpoint => new("restored", PostgresServer.Host, postgres.Postgres.Port, "postgres");

    public async ValueTask InitializeAsync()
    {
        await using var connection = new NpgsqlConnection(postgres.ConnectionString());
        await connection.OpenAsync(Token);
        await using var command = new NpgsqlCommand("""
            create table if not exists orders(id int, created_at timestamptz);
            truncate orders;
            insert into orders values (1, '2024-05-01 10:20:00+00'), (2, '2024-05-01 10:32:10+00');
            """, connection);
        await command.ExecuteNonQueryAsync(Token);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task Checks_pass_and_fail_by_their_expectation()
    {
        var report = await Runner(new ValidationOptions
        {
            Checks =
            {
                new ValidationCheck { Name = "orders exist", Sql = "select count(*) from orders", Expect = ">= 1" },
                new ValidationCheck { Name = "no orphans", Sql = "select count(*) from orders where id is null", Expect = "= 0" },
                new ValidationCheck { Name = "too many", Sql = "select count(*) from orders", Expect = "< 2" },
                new ValidationCheck { Name = "newest order", Sql = "select max(created_at) from orders", Expect = "not null" },
            },
        }).RunAsync(Endpoint, Target, Token);

        Assert.Equal([true, true, false, true], report.Checks.Select(c => c.Passed));
        Assert.Equal("2", report.Checks[2].Observed);
        Assert.False(report.Passed);
    }

    [Fact]
    public async Task A_check_that_writes_fails_because_the_transaction_is_read_only()
    {
        var report = await Runner(new ValidationOptions
        {
            Checks = { new ValidationCheck { Name = "sneaky", Sql = "delete from orders returning 1", Expect = "not null" } },
        }).RunAsync(Endpoint, Target, Token);

        Assert.False(report.Passed);
        Assert.Contains("read-only", report.Checks[0].Observed, StringComparison.Ordinal);
        Assert.Equal(2L, await postgres.Postgres.ScalarAsync("select count(*) from orders"));
    }

    [Fact]
    public async Task A_slow_check_is_stopped_by_the_statement_timeout()
    {
        var report = await Runner(new ValidationOptions
        {
            StatementTimeoutSeconds = 1,
            Checks = { new ValidationCheck { Name = "slow", Sql = "select pg_sleep(30)", Expect = "null" } },
        }).RunAsync(Endpoint, Target, Token);

        Assert.False(report.Passed);
        Assert.Contains("statement timeout", report.Checks[0].Observed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Landed_at_passes_when_the_newest_row_is_just_before_the_target()
    {
        var report = await Runner(LandedAt()).RunAsync(Endpoint, Target, Token);

        Assert.True(report.Checks.Single().Passed, report.Checks.Single().Observed);
    }

    [Fact]
    public async Task Landed_at_fails_when_the_restore_holds_rows_after_the_target()
    {
        var report = await Runner(LandedAt()).RunAsync(Endpoint, Target.AddSeconds(-10), Token);

        Assert.False(report.Checks.Single().Passed);
        Assert.Contains("AFTER target", report.Checks.Single().Observed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Landed_at_fails_when_the_newest_row_is_older_than_the_tolerance()
    {
        var report = await Runner(LandedAt()).RunAsync(Endpoint, Target.AddMinutes(30), Token);

        Assert.False(report.Checks.Single().Passed);
    }

    [Fact]
    public async Task Endpoint_override_is_where_the_checks_connect()
    {
        var options = new ValidationOptions
        {
            Endpoint = new EndpointOverride { Host = PostgresServer.Host, Port = postgres.Postgres.Port },
            Checks = { new ValidationCheck { Name = "reachable", Sql = "select 1", Expect = "= 1" } },
        };

        var report = await Runner(options).RunAsync(new DatabaseEndpoint("rds", "pitr-x.cluster.invalid", 5432, "postgres"), Target, Token);

        Assert.True(report.Passed, report.Checks.Single().Observed);
    }

    [Fact]
    public async Task Restore_is_still_connected_to_and_said_unchecked_when_no_checks_are_configured()
    {
        var report = await Runner(new ValidationOptions()).RunAsync(Endpoint, Target, Token);

        var connection = Assert.Single(report.Checks);
        Assert.Equal((NpgsqlValidationRunner.ConnectionName, true, "answers; not in recovery"), (connection.Name, connection.Passed, connection.Observed));
        Assert.True(report.NoDataChecks);
    }

    [Fact]
    public async Task Unreachable_restore_fails_validation_when_no_checks_are_configured()
    {
        var report = await Runner(new ValidationOptions()).RunAsync(new DatabaseEndpoint("rds", PostgresServer.Host, 1, "postgres"), Target, Token);

        Assert.False(report.Passed);
        Assert.StartsWith("error:", Assert.Single(report.Checks).Observed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_configured_checks_run_when_there_are_some()
    {
        var report = await Runner(LandedAt()).RunAsync(Endpoint, Target, Token);

        Assert.DoesNotContain(report.Checks, c => c.Name == NpgsqlValidationRunner.ConnectionName);
        Assert.False(report.NoDataChecks);
    }

    private static ValidationOptions LandedAt() => new()
    {
        LandedAt = new LandedAtCheck { Table = "public.orders", Column = "created_at", Tolerance = TimeSpan.FromMinutes(5) },
    };

    private static NpgsqlValidationRunner Runner(ValidationOptions options) => new(options, NullLogger<NpgsqlValidationRunner>.Instance);
}
