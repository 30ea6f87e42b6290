using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Pitr.Adapters.Aws;
using Pitr.Adapters.Aws.Rds;
using Pitr.Adapters.Aws.SecretsManager;

namespace Pitr.Adapters.Tests.Aws;

/// <summary>Creates the source databases and secrets the tests restore from, through the project's own signed clients.</summary>
internal sealed class MotoSeed(Uri motoUrl)
{
    public RdsClient Rds => new(Transport(new Options(), AwsService.Rds, RdsClient.ParseFault, "rds"));

    public SecretsManagerClient Secrets => new(Transport(new Options(), AwsService.SecretsManager, SecretsManagerClient.ParseFault, "secretsmanager"));

    public async Task CreateAuroraClusterAsync(string id, CancellationToken cancellationToken)
    {
        await Rds.CallAsync(new RdsForm("CreateDBCluster")
            .Add("DBClusterIdentifier", id).Add("Engine", "aurora-postgresql").Add("MasterUsername", "app").Add("MasterUserPassword", "password123")
            .Add("DatabaseName", "orders").Add("BackupRetentionPeriod", 35).Add("DeletionProtection", true).Add("Port", 5433)
            .Add("EnableIAMDatabaseAuthentication", true).AddList("EnableCloudwatchLogsExports", "member", ["postgresql"])
            .AddList("VpcSecurityGroupIds", "VpcSecurityGroupId", ["sg-0aaa"]).AddTags([new("team", "payments")]), cancellationToken);
        await Rds.CallAsync(new RdsForm("CreateDBInstance")
            .Add("DBInstanceIdentifier", $"{id}-writer").Add("DBClusterIdentifier", id).Add("Engine", "aurora-postgresql")
            .Add("DBInstanceClass", "db.r6g.large").Add("CACertificateIdentifier", "rds-ca-ecc384-g1").Add("PromotionTier", 3)
            .Add("AutoMinorVersionUpgrade", false), cancellationToken);
    }

    public Task CreateInstanceAsync(string id, CancellationToken cancellationToken) =>
        Rds.CallAsync(new RdsForm("CreateDBInstance")
            .Add("DBInstanceIdentifier", id).Add("Engine", "postgres").Add("DBInstanceClass", "db.m6g.large")
            .Add("MasterUsername", "app").Add("MasterUserPassword", "password123").Add("AllocatedStorage", 20).Add("DBName", "orders")
            .Add("BackupRetentionPeriod", 30).Add("MultiAZ", true).Add("DeletionProtection", true)
            .Add("EnableIAMDatabaseAuthentication", true).Add("CACertificateIdentifier", "rds-ca-ecc384-g1").Add("PubliclyAccessible", false)
            .Add("AutoMinorVersionUpgrade", false).Add("CopyTagsToSnapshot", true).AddList("EnableCloudwatchLogsExports", "member", ["postgresql"])
            .AddTags([new("team", "payments")]), cancellationToken);

    public async Task CreateSecretAsync(string name, JsonObject value, CancellationToken cancellationToken)
    {
        var transport = Transport(new Options(), AwsService.SecretsManager, SecretsManagerClient.ParseFault, "secretsmanager");
        await transport.SendAsync("CreateSecret", endpoint =>
        {
            var content = new StringContent(new JsonObject { ["Name"] = name, ["SecretString"] = value.ToJsonString() }.ToJsonString());
            content.Headers.ContentType = new(SecretsManagerClient.ContentType);
            var message = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = content };
            message.Headers.Add("X-Amz-Target", "secretsmanager.CreateSecret");
            return message;
        }, cancellationToken);
    }

    /// <summary>Writes lines into a log group as RDS's log export would (group, one stream, events in time order).</summary>
    public async Task PutLogAsync(string group, IEnumerable<(DateTimeOffset At, string Line)> lines, CancellationToken cancellationToken)
    {
        var transport = Transport(new Options(), AwsService.Logs, SecretsManagerClient.ParseFault, "logs");
        Task Call(string action, JsonObject body) => transport.SendAsync(action, endpoint =>
        {
            var content = new StringContent(body.ToJsonString());
            content.Headers.ContentType = new(SecretsManagerClient.ContentType);
            var message = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = content };
            message.Headers.Add("X-Amz-Target", $"Logs_20140328.{action}");
            return message;
        }, cancellationToken);

        await Call("CreateLogGroup", new JsonObject { ["logGroupName"] = group });
        await Call("CreateLogStream", new JsonObject { ["logGroupName"] = group, ["logStreamName"] = "postgresql" });
        await Call("PutLogEvents", new JsonObject
        {
            ["logGroupName"] = group,
            ["logStreamName"] = "postgresql",
            ["logEvents"] = new JsonArray([.. lines.Select(l => (JsonNode)new JsonObject { ["timestamp"] = l.At.ToUnixTimeMilliseconds(), ["message"] = l.Line })]),
        });
    }

    /// <summary>An alarm in the given state (OK, ALARM, INSUFFICIENT_DATA), as a team's monitoring would have it.</summary>
    public async Task SetAlarmAsync(string name, string state, string reason, CancellationToken cancellationToken)
    {
        var transport = Transport(new Options(), AwsService.CloudWatch, RdsClient.ParseFault, "monitoring");
        Task Call(string action, params (string Key, string Value)[] fields) => transport.SendAsync(action, endpoint =>
            new HttpRequestMessage(HttpMethod.Post, endpoint)
            {
                Content = new FormUrlEncodedContent([new("Action", action), new("Version", "2010-08-01"), .. fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value))]),
            }, cancellationToken);

        await Call("PutMetricAlarm", ("AlarmName", name), ("MetricName", "5xxRatio"), ("Namespace", "Checkout"), ("Statistic", "Average"),
            ("Period", "60"), ("EvaluationPeriods", "1"), ("Threshold", "0.05"), ("ComparisonOperator", "GreaterThanThreshold"));
        await Call("SetAlarmState", ("AlarmName", name), ("StateValue", state), ("StateReason", reason));
    }

    private AwsTransport Transport(Options options, AwsService service, Func<System.Net.HttpStatusCode, string, AwsFault> parse, string signingName)
    {
        AwsTestCredentials.Export();
        options.ServiceUrl = motoUrl;
        options.Region = AwsTestCredentials.Region;
        var factory = new SigningClientFactory(new AwsCredentialsSource(), signingName);
        return new AwsTransport(factory, "seed", options, service, parse, TimeProvider.System, NullLogger.Instance);
    }

    private sealed class Options : AwsClientOptions;

    private sealed class SigningClientFactory(AwsCredentialsSource credentials, string service) : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new(new Amazon.Runtime.Signing.SigV4SigningHandler(
            credentials.Credentials, Amazon.RegionEndpoint.GetBySystemName(AwsTestCredentials.Region), service, new SocketsHttpHandler()));
    }
}
