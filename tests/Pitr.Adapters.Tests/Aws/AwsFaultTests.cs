using Pitr.Adapters.Aws;
using Pitr.Domain.Ports;

namespace Pitr.Adapters.Tests.Aws;

/// <summary>The faults users hit, parsed from AWS's XML and explained.</summary>
public sealed class AwsFaultTests
{
    [Theory]
    [InlineData("InvalidRestoreFault", "pick a time inside it")]
    [InlineData("PointInTimeRestoreNotEnabled", "backup retention of at least 30 days")]
    [InlineData("PointInTimeRestoreNotEnabledFault", "backup retention of at least 30 days")]
    [InlineData("DBClusterAlreadyExistsFault", "already exists")]
    [InlineData("DBInstanceAlreadyExists", "already exists")]
    [InlineData("InsufficientDBInstanceCapacity", "another InstanceClass")]
    [InlineData("KMSKeyNotAccessibleFault", "KMS key")]
    [InlineData("InstanceQuotaExceeded", "raise the quota")]
    [InlineData("DBClusterQuotaExceededFault", "raise the quota")]
    [InlineData("StorageQuotaExceeded", "raise the quota")]
    [InlineData("AccessDenied", "not allowed to call rds:DescribeDBClusters")]
    public async Task Fault_is_explained_with_what_to_do_when_rds_answers_it(string code, string advice)
    {
        await using var standIn = await AwsStandIn.StartAsync((_, _) => StandInAnswer.RdsFault(code, "As AWS says it.", code == "AccessDenied" ? 403 : 400));
        await using var adapters = new AwsAdapters(AwsAdapters.Rds("rds-cluster", standIn.Url, "prod"));

        var error = await Assert.ThrowsAsync<AwsApiException>(() => adapters.Restorer.GetRestorableWindowAsync(TestContext.Current.CancellationToken).AsTask());

        Assert.Equal(code, error.Code);
        Assert.Equal("As AWS says it.", error.ServiceMessage);
        Assert.Equal("rds:DescribeDBClusters", error.IamAction);
        Assert.Contains(advice, error.Message);
        Assert.Single(standIn.Requests);
    }

    [Fact]
    public async Task Deletion_that_iam_refuses_is_refused_for_good_naming_the_action()
    {
        await using var standIn = await AwsStandIn.StartAsync((request, _) => request.Action == "DescribeDBClusters"
            ? RdsAnswers.Clusters(RdsAnswers.AuroraCluster("pitr-x1-a1", members: "", tags: "<Tag><Key>pitr:managed</Key><Value>true</Value></Tag><Tag><Key>pitr:identifier</Key><Value>pitr-x1-a1</Value></Tag>"))
            : StandInAnswer.RdsFault("AccessDenied", "User is not authorized to perform this action", 403));
        await using var adapters = new AwsAdapters(AwsAdapters.Rds("rds-cluster", standIn.Url, "prod"));

        var error = await Assert.ThrowsAsync<DeletionRefusedException>(() => adapters.Restorer.DeleteAsync("pitr-x1-a1", TestContext.Current.CancellationToken).AsTask());

        Assert.Contains("not allowed to call rds:ModifyDBCluster", error.Message);
        Assert.Equal(["DescribeDBClusters", "ModifyDBCluster"], standIn.Requests.Select(r => r.Action));
    }

    [Fact]
    public async Task Access_denied_names_the_secrets_manager_action_when_the_secret_cannot_be_written()
    {
        await using var standIn = await AwsStandIn.StartAsync((request, _) => request.Action == "secretsmanager.GetSecretValue"
            ? new StandInAnswer(200, """{"VersionId":"v1","SecretString":"{\"host\":\"old\",\"port\":5432}"}""", "application/x-amz-json-1.1")
            : new StandInAnswer(400, """{"__type":"AccessDeniedException","Message":"User is not authorized"}""", "application/x-amz-json-1.1"));
        await using var adapters = new AwsAdapters(AwsAdapters.SecretsManager(standIn.Url, "app"));

        var error = await Assert.ThrowsAsync<AwsApiException>(() =>
            adapters.Secrets.PointAtAsync(new DatabaseEndpoint("new", "new-host", 5432, "orders"), TestContext.Current.CancellationToken).AsTask());

        Assert.Equal("AccessDeniedException", error.Code);
        Assert.Contains("not allowed to call secretsmanager:PutSecretValue", error.Message);
    }

    [Fact]
    public async Task Secret_value_is_not_echoed_when_it_cannot_be_rewritten()
    {
        await using var standIn = await AwsStandIn.StartAsync((_, _) =>
            new StandInAnswer(200, """{"VersionId":"v1","SecretString":"postgres://admin:hunter2@old:5432/orders"}""", "application/x-amz-json-1.1"));
        await using var adapters = new AwsAdapters(AwsAdapters.SecretsManager(standIn.Url, "app"));

        var error = await Assert.ThrowsAsync<AwsApiException>(() =>
            adapters.Secrets.PointAtAsync(new DatabaseEndpoint("new", "new-host", 5432, "orders"), TestContext.Current.CancellationToken).AsTask());

        Assert.Contains("not a JSON object", error.Message);
        Assert.DoesNotContain("hunter2", error.Message);
    }
}
