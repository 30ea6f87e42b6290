using Pitr.Domain.Ports;

namespace Pitr.Adapters.Tests.Aws;

/// <summary>The exact form fields each RDS call carries, settings copied from the source included.</summary>
public sealed class RdsRequestFormTests
{
    /// <summary>The source's tags, then the tags naming the recovery, as every restore must carry them.</summary>
    private static readonly (string, string)[] CopiedAndRecoveryTags =
    [
        ("Tags.Tag.1.Key", "team"), ("Tags.Tag.1.Value", "payments"),
        ("Tags.Tag.2.Key", "pitr:recovery"), ("Tags.Tag.2.Value", "r42"),
        ("Tags.Tag.3.Key", "pitr:target"), ("Tags.Tag.3.Value", "2024-05-01T10:32:15Z"),
        ("Tags.Tag.4.Key", "pitr:initiator"), ("Tags.Tag.4.Value", "U123"),
        ("Tags.Tag.5.Key", "pitr:managed"), ("Tags.Tag.5.Value", "true"),
        ("Tags.Tag.6.Key", "pitr:identifier"), ("Tags.Tag.6.Value", "pitr-r42-a1"),
    ];

    private static readonly RestoreRequest Request = new("pitr-r42-a1", new DateTimeOffset(2024, 5, 1, 10, 32, 15, TimeSpan.Zero),
        new Dictionary<string, string> { ["pitr:recovery"] = "r42", ["pitr:target"] = "2024-05-01T10:32:15Z", ["pitr:initiator"] = "U123" });

    [Fact]
    public async Task Cluster_restore_copies_the_sources_network_parameters_key_port_and_tags_when_started()
    {
        await using var standIn = await AwsStandIn.StartAsync((request, _) => (request.Action, request.Field("DBClusterIdentifier")) switch
        {
            ("DescribeDBClusters", "pitr-r42-a1") => RdsAnswers.ClusterNotFound,
            ("DescribeDBClusters", "prod") => RdsAnswers.Clusters(RdsAnswers.AuroraCluster("prod")),
            ("RestoreDBClusterToPointInTime", _) => RdsAnswers.Ok("RestoreDBClusterToPointInTime", RdsAnswers.AuroraCluster("pitr-r42-a1", "creating", members: "")),
            _ => StandInAnswer.RdsFault("Unexpected", request.Action),
        });
        await using var adapters = new AwsAdapters(AwsAdapters.Rds("rds-cluster", standIn.Url, "prod"));

        await adapters.Restorer.StartRestoreAsync(Request, TestContext.Current.CancellationToken);

        var restore = Assert.Single(standIn.Requests, r => r.Action == "RestoreDBClusterToPointInTime");
        AssertForm(restore, [
            ("Action", "RestoreDBClusterToPointInTime"),
            ("Version", "2014-10-31"),
            ("DBClusterIdentifier", "pitr-r42-a1"),
            ("SourceDBClusterIdentifier", "prod"),
            ("RestoreToTime", "2024-05-01T10:32:15Z"),
            ("DBSubnetGroupName", "prod-db-subnets"),
            ("VpcSecurityGroupIds.VpcSecurityGroupId.1", "sg-0aaa"),
            ("VpcSecurityGroupIds.VpcSecurityGroupId.2", "sg-0bbb"),
            ("DBClusterParameterGroupName", "prod-aurora-pg15"),
            ("KmsKeyId", "arn:aws:kms:us-east-1:123456789012:key/1234abcd"),
            ("Port", "5433"),
            ("DeletionProtection", "true"),
            .. CopiedAndRecoveryTags,
        ]);
    }

    [Fact]
    public async Task Configured_network_and_deletion_protection_replace_the_sources_when_set()
    {
        await using var standIn = await AwsStandIn.StartAsync((request, _) => (request.Action, request.Field("DBClusterIdentifier")) switch
        {
            ("DescribeDBClusters", "prod") => RdsAnswers.Clusters(RdsAnswers.AuroraCluster("prod")),
            ("DescribeDBClusters", _) => RdsAnswers.ClusterNotFound,
            _ => RdsAnswers.Ok(request.Action),
        });
        await using var adapters = new AwsAdapters(AwsAdapters.Rds("rds-cluster", standIn.Url, "prod",
            ("SubnetGroup", "restore-subnets"), ("SecurityGroupIds:0", "sg-restore"), ("ParameterGroup", "restore-params"),
            ("DeletionProtection", "false"), ("CopySourceTags", "false")));

        await adapters.Restorer.StartRestoreAsync(Request, TestContext.Current.CancellationToken);

        var restore = Assert.Single(standIn.Requests, r => r.Action == "RestoreDBClusterToPointInTime");
        Assert.Equal("restore-subnets", restore.Field("DBSubnetGroupName"));
        Assert.Equal(["sg-restore"], restore.Form.Where(f => f.Key.StartsWith("VpcSecurityGroupIds.", StringComparison.Ordinal)).Select(f => f.Value));
        Assert.Equal("restore-params", restore.Field("DBClusterParameterGroupName"));
        Assert.Equal("false", restore.Field("DeletionProtection"));
        Assert.DoesNotContain(restore.Form, f => f.Value == "team");
    }

    [Fact]
    public async Task Aurora_writer_gets_the_source_writers_class_and_parameter_group_when_the_cluster_is_available()
    {
        await using var standIn = await AwsStandIn.StartAsync((request, _) => (request.Action, request.Field("DBClusterIdentifier") ?? request.Field("DBInstanceIdentifier")) switch
        {
            ("DescribeDBClusters", "prod") => RdsAnswers.Clusters(RdsAnswers.AuroraCluster("prod")),
            ("DescribeDBClusters", "pitr-r42-a1") => RdsAnswers.Clusters(RdsAnswers.AuroraCluster("pitr-r42-a1", members: "",
                tags: "<Tag><Key>pitr:managed</Key><Value>true</Value></Tag><Tag><Key>pitr:identifier</Key><Value>pitr-r42-a1</Value></Tag><Tag><Key>pitr:settings-applied</Key><Value>true</Value></Tag>")),
            ("DescribeDBInstances", "prod-writer") => RdsAnswers.Instances(RdsAnswers.Instance("prod-writer", cluster: "prod")),
            ("DescribeDBInstances", _) => RdsAnswers.InstanceNotFound,
            ("CreateDBInstance", _) => RdsAnswers.Ok("CreateDBInstance"),
            _ => StandInAnswer.RdsFault("Unexpected", request.Action),
        });
        await using var adapters = new AwsAdapters(AwsAdapters.Rds("rds-cluster", standIn.Url, "prod"));

        var status = await adapters.Restorer.GetRestoreStatusAsync("pitr-r42-a1", TestContext.Current.CancellationToken);

        Assert.Equal(RestorePhase.Creating, status.Phase);
        var create = Assert.Single(standIn.Requests, r => r.Action == "CreateDBInstance");
        AssertForm(create, [
            ("Action", "CreateDBInstance"),
            ("Version", "2014-10-31"),
            ("DBInstanceIdentifier", "pitr-r42-a1-1"),
            ("DBClusterIdentifier", "pitr-r42-a1"),
            ("Engine", "aurora-postgresql"),
            ("DBInstanceClass", "db.r6g.xlarge"),
            ("DBParameterGroupName", "prod-pg15"),
            ("Tags.Tag.1.Key", "pitr:managed"), ("Tags.Tag.1.Value", "true"),
            ("Tags.Tag.2.Key", "pitr:identifier"), ("Tags.Tag.2.Value", "pitr-r42-a1"),
        ]);
    }

    [Fact]
    public async Task Instance_restore_copies_class_multi_az_network_parameters_and_tags_when_started()
    {
        await using var standIn = await AwsStandIn.StartAsync((request, _) => (request.Action, request.Field("DBInstanceIdentifier")) switch
        {
            ("DescribeDBInstances", "prod") => RdsAnswers.Instances(RdsAnswers.Instance("prod")),
            ("DescribeDBInstances", _) => RdsAnswers.InstanceNotFound,
            ("RestoreDBInstanceToPointInTime", _) => RdsAnswers.Ok("RestoreDBInstanceToPointInTime"),
            _ => StandInAnswer.RdsFault("Unexpected", request.Action),
        });
        await using var adapters = new AwsAdapters(AwsAdapters.Rds("rds-instance", standIn.Url, "prod"));

        await adapters.Restorer.StartRestoreAsync(Request, TestContext.Current.CancellationToken);

        var restore = Assert.Single(standIn.Requests, r => r.Action == "RestoreDBInstanceToPointInTime");
        AssertForm(restore, [
            ("Action", "RestoreDBInstanceToPointInTime"),
            ("Version", "2014-10-31"),
            ("SourceDBInstanceIdentifier", "prod"),
            ("TargetDBInstanceIdentifier", "pitr-r42-a1"),
            ("RestoreTime", "2024-05-01T10:32:15Z"),
            ("DBInstanceClass", "db.r6g.xlarge"),
            ("MultiAZ", "true"),
            ("DBSubnetGroupName", "prod-db-subnets"),
            ("VpcSecurityGroupIds.VpcSecurityGroupId.1", "sg-0aaa"),
            ("DBParameterGroupName", "prod-pg15"),
            ("Port", "5432"),
            ("DeletionProtection", "true"),
            .. CopiedAndRecoveryTags,
        ]);
    }

    [Fact]
    public async Task Existing_database_without_our_tags_is_refused_when_started()
    {
        await using var standIn = await AwsStandIn.StartAsync((request, _) => request.Field("DBClusterIdentifier") == "pitr-r42-a1"
            ? RdsAnswers.Clusters(RdsAnswers.AuroraCluster("pitr-r42-a1"))
            : StandInAnswer.RdsFault("Unexpected", request.Action));
        await using var adapters = new AwsAdapters(AwsAdapters.Rds("rds-cluster", standIn.Url, "prod"));

        var error = await Assert.ThrowsAsync<Pitr.Adapters.Aws.AwsApiException>(() => adapters.Restorer.StartRestoreAsync(Request, TestContext.Current.CancellationToken).AsTask());

        Assert.Contains("was not created by this recovery", error.Message);
        Assert.DoesNotContain(standIn.Requests, r => r.Action == "RestoreDBClusterToPointInTime");
    }

    private static void AssertForm(CapturedRequest request, (string Key, string Value)[] expected) =>
        Assert.Equal(
            expected.Select(f => $"{f.Key}={f.Value}").Order(StringComparer.Ordinal),
            request.Form.Select(f => $"{f.Key}={f.Value}").Order(StringComparer.Ordinal));
}
