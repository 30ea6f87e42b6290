using Pitr.Adapters.Aws;
using Pitr.Domain.Ports;

namespace Pitr.Adapters.Tests.Aws;

/// <summary>Throttling, 5xx and timeouts are retried with backoff; client faults never are.</summary>
public sealed class AwsRetryTests
{
    [Fact]
    public async Task Call_succeeds_after_retrying_when_rds_throttles_twice()
    {
        await using var standIn = await AwsStandIn.StartAsync((_, n) => n <= 2
            ? StandInAnswer.RdsFault("Throttling", "Rate exceeded")
            : RdsAnswers.Clusters(RdsAnswers.AuroraCluster("prod")));
        await using var adapters = new AwsAdapters(AwsAdapters.Rds("rds-cluster", standIn.Url, "prod"));

        var window = await adapters.Restorer.GetRestorableWindowAsync(TestContext.Current.CancellationToken);

        Assert.Equal(new DateTimeOffset(2024, 5, 1, 10, 40, 0, TimeSpan.Zero), window.Latest);
        Assert.Equal(3, standIn.Requests.Count);
        Assert.All(standIn.Requests, r => Assert.StartsWith("AWS4-HMAC-SHA256 ", r.Headers["authorization"]));
    }

    [Fact]
    public async Task Call_succeeds_after_retrying_when_rds_answers_503()
    {
        await using var standIn = await AwsStandIn.StartAsync((_, n) => n == 1
            ? new StandInAnswer(503, "<html>Service Unavailable</html>", "text/html")
            : RdsAnswers.Clusters(RdsAnswers.AuroraCluster("prod")));
        await using var adapters = new AwsAdapters(AwsAdapters.Rds("rds-cluster", standIn.Url, "prod"));

        await adapters.Restorer.GetRestorableWindowAsync(TestContext.Current.CancellationToken);

        Assert.Equal(2, standIn.Requests.Count);
    }

    [Fact]
    public async Task Call_succeeds_after_retrying_when_an_attempt_times_out()
    {
        await using var standIn = await AwsStandIn.StartAsync((_, n) => n == 1
            ? RdsAnswers.Clusters(RdsAnswers.AuroraCluster("prod")) with { Delay = TimeSpan.FromSeconds(20) }
            : RdsAnswers.Clusters(RdsAnswers.AuroraCluster("prod")));
        await using var adapters = new AwsAdapters(AwsAdapters.Rds("rds-cluster", standIn.Url, "prod", ("AttemptTimeout", "00:00:00.3")));

        await adapters.Restorer.GetRestorableWindowAsync(TestContext.Current.CancellationToken);

        Assert.Equal(2, standIn.Requests.Count);
    }

    [Fact]
    public async Task Restore_is_sent_once_when_rds_answers_invalid_restore()
    {
        await using var standIn = await AwsStandIn.StartAsync((request, _) => (request.Action, request.Field("DBClusterIdentifier")) switch
        {
            ("DescribeDBClusters", "prod") => RdsAnswers.Clusters(RdsAnswers.AuroraCluster("prod")),
            ("DescribeDBClusters", _) => RdsAnswers.ClusterNotFound,
            _ => StandInAnswer.RdsFault("InvalidRestoreFault", "The restore time is outside the restorable window."),
        });
        await using var adapters = new AwsAdapters(AwsAdapters.Rds("rds-cluster", standIn.Url, "prod"));
        var request = new RestoreRequest("pitr-r1-a1", DateTimeOffset.Parse("2020-01-01T00:00:00Z"), new Dictionary<string, string>());

        var error = await Assert.ThrowsAsync<AwsApiException>(() => adapters.Restorer.StartRestoreAsync(request, TestContext.Current.CancellationToken).AsTask());

        Assert.Equal("InvalidRestoreFault", error.Code);
        Assert.Single(standIn.Requests, r => r.Action == "RestoreDBClusterToPointInTime");
    }

    [Fact]
    public async Task Caller_is_told_after_the_configured_attempts_when_throttling_persists()
    {
        await using var standIn = await AwsStandIn.StartAsync((_, _) => StandInAnswer.RdsFault("Throttling", "Rate exceeded"));
        await using var adapters = new AwsAdapters(AwsAdapters.Rds("rds-cluster", standIn.Url, "prod", ("MaxAttempts", "3")));

        var error = await Assert.ThrowsAsync<AwsApiException>(() => adapters.Restorer.GetRestorableWindowAsync(TestContext.Current.CancellationToken).AsTask());

        Assert.Equal(3, standIn.Requests.Count);
        Assert.Contains("kept throttling rds:DescribeDBClusters after 3 attempts", error.Message);
    }

    [Fact]
    public async Task Secrets_manager_call_is_retried_when_throttled()
    {
        await using var standIn = await AwsStandIn.StartAsync((_, n) => n == 1
            ? new StandInAnswer(400, """{"__type":"ThrottlingException","message":"Rate exceeded"}""", "application/x-amz-json-1.1")
            : new StandInAnswer(200, """{"VersionId":"v1","SecretString":"{\"host\":\"db\",\"port\":5432}"}""", "application/x-amz-json-1.1"));
        await using var adapters = new AwsAdapters(AwsAdapters.SecretsManager(standIn.Url, "app"));

        await adapters.Secrets.RevertAsync(new SecretChange("v1", "v2", "db:5432"), TestContext.Current.CancellationToken);

        Assert.Equal(2, standIn.Requests.Count);
    }
}
