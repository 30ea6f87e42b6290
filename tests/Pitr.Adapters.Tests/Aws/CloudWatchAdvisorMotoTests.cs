using Microsoft.Extensions.DependencyInjection;
using Pitr.Adapters.Aws.Logs;
using Pitr.Domain.Ports;

namespace Pitr.Adapters.Tests.Aws;

/// <summary>Recovery points on RDS: the source's PostgreSQL log as RDS exports it to CloudWatch Logs, read from moto through the project's client.</summary>
[Collection(MotoServerGroup.Name)]
public sealed class CloudWatchAdvisorMotoTests(MotoServer moto)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Proposes_the_millisecond_before_each_destructive_statement_with_who_and_where()
    {
        var source = $"orders-{Guid.NewGuid():N}"[..20];
        var at = DateTimeOffset.UtcNow.AddMinutes(-30);
        at = at.AddTicks(-(at.Ticks % TimeSpan.TicksPerMillisecond));
        string Line(int second, string statement) =>
            $"{at.AddSeconds(second):yyyy-MM-dd HH:mm:ss} UTC:10.0.0.5(53122):app@orders:[4{second}]:LOG:  statement: {statement}";
        await new MotoSeed(moto.Url).PutLogAsync($"/aws/rds/cluster/{source}/postgresql",
        [
            (at.AddSeconds(1), Line(1, "SELECT count(*) FROM orders")),
            (at.AddSeconds(2), Line(2, "INSERT INTO orders VALUES (1, 'alice@example.com')")),
            (at.AddSeconds(3), Line(3, "DELETE FROM orders WHERE id = 5")),
            (at.AddSeconds(4).AddMilliseconds(250), Line(4, "DROP TABLE customers;")),
            (at.AddSeconds(5), Line(5, "UPDATE accounts SET balance = 0, note = 'closed by alice'")),
            (at.AddSeconds(6), Line(6, "ALTER TABLE orders DROP COLUMN email")),
        ], Cancel);
        await using var adapters = new AwsAdapters(AwsAdapters.Rds("rds-cluster", moto.Url, source));
        var advisor = adapters.Get<IServiceProvider>().GetRequiredKeyedService<IRecoveryPointAdvisor>(AwsAdapters.Database);

        var suggestions = await advisor.SuggestAsync(at, Cancel);

        Assert.Equal(
        [
            ("DROP TABLE customers", at.AddSeconds(4).AddMilliseconds(249)),
            ("UPDATE accounts SET balance = …, note = '…'", at.AddSeconds(5).AddMilliseconds(-1)),
            ("ALTER TABLE orders DROP COLUMN email", at.AddSeconds(6).AddMilliseconds(-1)),
        ], suggestions.Select(s => (s.What, s.Target)));
        Assert.All(suggestions, s => Assert.Equal("app@orders", s.By));
        Assert.All(suggestions, s => Assert.Null(s.TransactionId));
        Assert.DoesNotContain(suggestions, s => s.What.Contains("alice", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Reads_the_log_of_the_restore_that_became_production_after_a_cutover()
    {
        var source = $"orders-{Guid.NewGuid():N}"[..20];
        var production = $"pitr-{Guid.NewGuid():N}"[..20] + "-a1";
        var at = DateTimeOffset.UtcNow.AddMinutes(-10);
        at = at.AddTicks(-(at.Ticks % TimeSpan.TicksPerMillisecond));
        await new MotoSeed(moto.Url).PutLogAsync($"/aws/rds/cluster/{production}/postgresql",
            [(at, $"{at:yyyy-MM-dd HH:mm:ss} UTC:10.0.0.5(53122):app@orders:[41]:LOG:  statement: TRUNCATE orders;")], Cancel);
        await using var adapters = new AwsAdapters(AwsAdapters.Rds("rds-cluster", moto.Url, source));
        var advisor = adapters.Get<IServiceProvider>().GetRequiredKeyedService<IRecoveryPointAdvisor>(AwsAdapters.Database);

        var suggestions = await advisor.From(production).SuggestAsync(at.AddMinutes(-1), Cancel);

        Assert.Equal("TRUNCATE orders", Assert.Single(suggestions).What);
        Assert.Equal($"/aws/rds/cluster/{source}/postgresql", Assert.IsType<CloudWatchRecoveryPointAdvisor>(advisor.From(production).From(source)).LogGroup);
    }

    [Fact]
    public async Task Nothing_is_proposed_when_the_log_holds_only_ordinary_statements()
    {
        var source = $"orders-{Guid.NewGuid():N}"[..20];
        var at = DateTimeOffset.UtcNow.AddMinutes(-10);
        await new MotoSeed(moto.Url).PutLogAsync($"/aws/rds/cluster/{source}/postgresql",
            [(at, $"{at:yyyy-MM-dd HH:mm:ss} UTC:10.0.0.5(53122):app@orders:[41]:LOG:  statement: DELETE FROM sessions WHERE expires < now()")], Cancel);
        await using var adapters = new AwsAdapters(AwsAdapters.Rds("rds-cluster", moto.Url, source));
        var advisor = adapters.Get<IServiceProvider>().GetRequiredKeyedService<IRecoveryPointAdvisor>(AwsAdapters.Database);

        Assert.Empty(await advisor.SuggestAsync(at.AddMinutes(-1), Cancel));
    }
}
