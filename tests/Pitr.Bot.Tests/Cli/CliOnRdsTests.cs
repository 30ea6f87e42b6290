using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Pitr.Adapters.Tests.Aws;

namespace Pitr.Bot.Tests.Cli;

/// <summary>
/// The real <c>pitr</c> process against an Aurora source on moto, seeded from outside with boto3 as an
/// operator's account would hold it: the cluster, its parameter group and its PostgreSQL log in CloudWatch Logs.
/// </summary>
[Collection(MotoServerGroup.Name)]
public sealed class CliOnRdsTests(MotoServer moto) : IDisposable
{
    private const string Seed = """
        import boto3, sys, json
        url, cluster, log_statement, lines = sys.argv[1], sys.argv[2], sys.argv[3], json.loads(sys.argv[4])
        kw = dict(endpoint_url=url, region_name="us-east-1", aws_access_key_id="AKIDSEED", aws_secret_access_key="seed")
        rds, logs = boto3.client("rds", **kw), boto3.client("logs", **kw)
        group = cluster + "-params"
        rds.create_db_cluster_parameter_group(DBClusterParameterGroupName=group, DBParameterGroupFamily="aurora-postgresql15", Description="source")
        rds.modify_db_cluster_parameter_group(DBClusterParameterGroupName=group, Parameters=[{"ParameterName": "log_statement", "ParameterValue": log_statement, "ApplyMethod": "immediate"}])
        rds.create_db_cluster(DBClusterIdentifier=cluster, Engine="aurora-postgresql", MasterUsername="postgres", MasterUserPassword="password123",
            DBClusterParameterGroupName=group, EnableCloudwatchLogsExports=["postgresql"], BackupRetentionPeriod=30, DeletionProtection=True)
        log = "/aws/rds/cluster/%s/postgresql" % cluster
        logs.create_log_group(logGroupName=log)
        logs.create_log_stream(logGroupName=log, logStreamName=cluster + "-writer")
        if lines: logs.put_log_events(logGroupName=log, logStreamName=cluster + "-writer", logEvents=[{"timestamp": at, "message": m} for at, m in lines])
        """;

    private readonly string root = Directory.CreateTempSubdirectory("pitr-cli-rds-").FullName;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Suggest_json_proposes_the_millisecond_before_each_destructive_statement_in_the_cloudwatch_log()
    {
        var cluster = $"orders-{Guid.NewGuid():N}"[..20];
        var at = DateTimeOffset.UtcNow.AddMinutes(-20);
        at = at.AddTicks(-(at.Ticks % TimeSpan.TicksPerSecond));
        string Line(int second, string statement) =>
            $"{at.AddSeconds(second):yyyy-MM-dd HH:mm:ss} UTC:10.0.0.5(53122):app@orders:[4{second}]:LOG:  statement: {statement}";
        await SeedAsync(cluster, "mod",
        [
            (at.AddSeconds(1), Line(1, "SELECT * FROM orders WHERE id = 7")),
            (at.AddSeconds(2).AddMilliseconds(400), Line(2, "DROP TABLE customers;")),
            (at.AddSeconds(3), Line(3, "INSERT INTO orders VALUES (8, 'bob')")),
            (at.AddSeconds(4).AddMilliseconds(120), Line(4, "DELETE FROM orders")),
        ]);

        using var suggestions = await PitrProcess.JsonAsync(Settings(cluster), Cancel,
            "suggest", "--db", "orders", "--since", at.ToString("O", CultureInfo.InvariantCulture), "--json");

        var found = suggestions.RootElement.EnumerateArray()
            .Select(s => (What: s.GetProperty("what").GetString(), Target: s.GetProperty("target").GetDateTimeOffset(), By: s.GetProperty("by").GetString()))
            .OrderBy(s => s.Target)
            .ToList();
        Assert.Equal(
        [
            ("DROP TABLE customers", at.AddSeconds(2).AddMilliseconds(399), "app@orders"),
            ("DELETE FROM orders", at.AddSeconds(4).AddMilliseconds(119), "app@orders"),
        ], found);
    }

    [Fact]
    public async Task Check_fails_the_statement_log_with_its_fix_when_the_parameter_group_logs_nothing()
    {
        var quiet = $"orders-{Guid.NewGuid():N}"[..20];
        var logged = $"orders-{Guid.NewGuid():N}"[..20];
        await SeedAsync(quiet, "none", []);
        await SeedAsync(logged, "ddl", []);

        var notReady = await PitrProcess.RunAsync(Settings(quiet), Cancel, "check", "--db", "orders", "--json");
        // Never ready on moto (no drill on record), so both exit 1; the items tell the difference.
        var ready = await PitrProcess.RunAsync(Settings(logged), Cancel, "check", "--db", "orders", "--json");

        Assert.Equal(1, notReady.ExitCode);
        var failing = Item(notReady.Json(), "Destructive statements logged");
        Assert.False(failing.GetProperty("passed").GetBoolean());
        Assert.Equal("log_statement = none", failing.GetProperty("observed").GetString());
        Assert.Contains($"{quiet}-params", failing.GetProperty("fix").GetString(), StringComparison.Ordinal);
        Assert.True(Item(ready.Json(), "Destructive statements logged").GetProperty("passed").GetBoolean());
        Assert.True(Item(ready.Json(), "Recovery-point history").GetProperty("passed").GetBoolean());
    }

    public void Dispose() => Directory.Delete(root, recursive: true);

    private static JsonElement Item(JsonDocument report, string name) =>
        report.RootElement.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("name").GetString() == name);

    private Dictionary<string, string?> Settings(string cluster) => new()
    {
        ["Pitr:DefaultDatabase"] = "orders",
        ["Pitr:Store:Sqlite:Path"] = Path.Combine(root, $"{cluster}.db"),
        ["Pitr:Databases:orders:Engine"] = "rds-cluster",
        ["Pitr:Databases:orders:Rds:Region"] = "us-east-1",
        ["Pitr:Databases:orders:Rds:ServiceUrl"] = moto.Url.ToString(),
        ["Pitr:Databases:orders:Rds:SourceIdentifier"] = cluster,
        ["Pitr:Databases:orders:Secret:Store"] = "file",
        ["Pitr:Databases:orders:Secret:File:Path"] = Path.Combine(root, "secret.json"),
        ["AWS_ACCESS_KEY_ID"] = "AKIDPITRTEST0000000",
        ["AWS_SECRET_ACCESS_KEY"] = "pitr/test/secret/key/0000000000000000000",
    };

    private async Task SeedAsync(string cluster, string logStatement, IReadOnlyList<(DateTimeOffset At, string Line)> lines)
    {
        var events = JsonSerializer.Serialize(lines.Select(l => new object[] { l.At.ToUnixTimeMilliseconds(), l.Line }));
        var start = new ProcessStartInfo("python3", ["-c", Seed, moto.Url.ToString(), cluster, logStatement, events]) { RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var errors = await process.StandardError.ReadToEndAsync(Cancel);
        await process.WaitForExitAsync(Cancel);
        Assert.True(process.ExitCode == 0, $"seeding moto with boto3 failed: {errors}");
    }
}
