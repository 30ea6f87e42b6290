using Pitr.Domain.Ports;

namespace Pitr.Adapters.Tests.Aws;

/// <summary>
/// The exact fields that carry each setting an application notices (IAM authentication, CA, public access,
/// monitoring, log exports, storage, backups) to the restore, for every call that creates or completes it.
/// </summary>
public sealed class RdsCarriedSettingsFormTests
{
    private const string Ours = "<Tag><Key>pitr:managed</Key><Value>true</Value></Tag><Tag><Key>pitr:identifier</Key><Value>pitr-r42-a1</Value></Tag>";
    private const string Applied = Ours + "<Tag><Key>pitr:settings-applied</Key><Value>true</Value></Tag>";

    private static readonly RestoreRequest Request = new("pitr-r42-a1", new DateTimeOffset(2024, 5, 1, 10, 32, 15, TimeSpan.Zero), new Dictionary<string, string>());

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Instance_restore_carries_every_setting_the_restore_call_accepts_when_started()
    {
        await using var standIn = await AwsStandIn.StartAsync((request, _) => (request.Action, request.Field("DBInstanceIdentifier")) switch
        {
            ("DescribeDBInstances", "prod") => RdsAnswers.Instances(RdsAnswers.Instance("prod", settings: RdsAnswers.InstanceSettings)),
            ("DescribeDBInstances", _) => RdsAnswers.InstanceNotFound,
            _ => RdsAnswers.Ok(request.Action),
        });
        await using var adapters = new AwsAdapters(AwsAdapters.Rds("rds-instance", standIn.Url, "prod", ("CopySourceTags", "false")));

        await adapters.Restorer.StartRestoreAsync(Request, Cancel);

        var restore = Assert.Single(standIn.Requests, r => r.Action == "RestoreDBInstanceToPointInTime");
        AssertCarries(restore, [
            ("DBInstanceClass", "db.r6g.xlarge"), ("MultiAZ", "true"), ("DBSubnetGroupName", "prod-db-subnets"),
            ("VpcSecurityGroupIds.VpcSecurityGroupId.1", "sg-0aaa"), ("DBParameterGroupName", "prod-pg15"), ("Port", "5432"),
            ("OptionGroupName", "prod-options"), ("CACertificateIdentifier", "rds-ca-ecc384-g1"), ("PubliclyAccessible", "false"),
            ("AutoMinorVersionUpgrade", "false"), ("EnableIAMDatabaseAuthentication", "true"),
            ("EnableCloudwatchLogsExports.member.1", "postgresql"), ("EnableCloudwatchLogsExports.member.2", "upgrade"),
            ("CopyTagsToSnapshot", "true"), ("StorageType", "gp3"), ("Iops", "12000"), ("StorageThroughput", "500"),
            ("MaxAllocatedStorage", "1000"), ("NetworkType", "DUAL"), ("DeletionProtection", "true"),
        ]);
        Assert.DoesNotContain(restore.Form, f => f.Key.StartsWith("PerformanceInsights", StringComparison.Ordinal) || f.Key.StartsWith("Monitoring", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Instance_gets_backup_windows_performance_insights_and_monitoring_by_modify_once_when_available()
    {
        await using var standIn = await AwsStandIn.StartAsync((request, _) => (request.Action, request.Field("DBInstanceIdentifier")) switch
        {
            ("DescribeDBInstances", "prod") => RdsAnswers.Instances(RdsAnswers.Instance("prod", settings: RdsAnswers.InstanceSettings)),
            ("DescribeDBInstances", "pitr-r42-a1") => RdsAnswers.Instances(RdsAnswers.Instance("pitr-r42-a1", tags: Ours,
                settings: "<PreferredBackupWindow>07:00-07:30</PreferredBackupWindow><PerformanceInsightsEnabled>false</PerformanceInsightsEnabled><MonitoringInterval>0</MonitoringInterval>")),
            _ => RdsAnswers.Ok(request.Action),
        });
        await using var adapters = new AwsAdapters(AwsAdapters.Rds("rds-instance", standIn.Url, "prod"));

        var status = await adapters.Restorer.GetRestoreStatusAsync("pitr-r42-a1", Cancel);

        Assert.Equal(RestorePhase.Creating, status.Phase);
        AssertForm(Assert.Single(standIn.Requests, r => r.Action == "ModifyDBInstance"), [
            ("Action", "ModifyDBInstance"), ("Version", "2014-10-31"), ("DBInstanceIdentifier", "pitr-r42-a1"),
            ("PreferredBackupWindow", "03:00-04:00"), ("PreferredMaintenanceWindow", "sun:05:00-sun:06:00"),
            ("EnablePerformanceInsights", "true"), ("PerformanceInsightsKMSKeyId", "arn:aws:kms:us-east-1:123456789012:key/pi"),
            ("PerformanceInsightsRetentionPeriod", "731"), ("MonitoringInterval", "15"),
            ("MonitoringRoleArn", "arn:aws:iam::123456789012:role/rds-monitoring"), ("ApplyImmediately", "true"),
        ]);
        AssertForm(Assert.Single(standIn.Requests, r => r.Action == "AddTagsToResource"), [
            ("Action", "AddTagsToResource"), ("Version", "2014-10-31"), ("ResourceName", "arn:aws:rds:us-east-1:123456789012:db:pitr-r42-a1"),
            ("Tags.Tag.1.Key", "pitr:settings-applied"), ("Tags.Tag.1.Value", "true"),
        ]);
    }

    [Fact]
    public async Task Instance_is_available_without_a_second_modify_when_the_settings_were_applied()
    {
        await using var standIn = await AwsStandIn.StartAsync((request, _) => (request.Action, request.Field("DBInstanceIdentifier")) switch
        {
            ("DescribeDBInstances", "pitr-r42-a1") => RdsAnswers.Instances(RdsAnswers.Instance("pitr-r42-a1", tags: Applied)),
            _ => StandInAnswer.RdsFault("Unexpected", request.Action),
        });
        await using var adapters = new AwsAdapters(AwsAdapters.Rds("rds-instance", standIn.Url, "prod"));

        var status = await adapters.Restorer.GetRestoreStatusAsync("pitr-r42-a1", Cancel);

        Assert.Equal(RestorePhase.Available, status.Phase);
        Assert.DoesNotContain(standIn.Requests, r => r.Action == "ModifyDBInstance");
    }

    [Fact]
    public async Task Aurora_restore_carries_iam_auth_log_exports_serverless_capacity_and_storage_but_no_multi_az_only_setting()
    {
        await using var standIn = await AwsStandIn.StartAsync((request, _) => (request.Action, request.Field("DBClusterIdentifier")) switch
        {
            ("DescribeDBClusters", "prod") => RdsAnswers.Clusters(RdsAnswers.AuroraCluster("prod", settings: RdsAnswers.ClusterSettings +
                "<PubliclyAccessible>false</PubliclyAccessible><PerformanceInsightsEnabled>true</PerformanceInsightsEnabled><MonitoringInterval>60</MonitoringInterval>")),
            ("DescribeDBClusters", _) => RdsAnswers.ClusterNotFound,
            _ => RdsAnswers.Ok(request.Action),
        });
        await using var adapters = new AwsAdapters(AwsAdapters.Rds("rds-cluster", standIn.Url, "prod", ("CopySourceTags", "false")));

        await adapters.Restorer.StartRestoreAsync(Request, Cancel);

        var restore = Assert.Single(standIn.Requests, r => r.Action == "RestoreDBClusterToPointInTime");
        AssertCarries(restore, [
            ("EnableIAMDatabaseAuthentication", "true"), ("EnableCloudwatchLogsExports.member.1", "postgresql"), ("CopyTagsToSnapshot", "true"),
            ("NetworkType", "IPV4"), ("StorageType", "aurora-iopt1"),
            ("ServerlessV2ScalingConfiguration.MinCapacity", "0.5"), ("ServerlessV2ScalingConfiguration.MaxCapacity", "16"),
            ("KmsKeyId", "arn:aws:kms:us-east-1:123456789012:key/1234abcd"), ("Port", "5433"), ("DeletionProtection", "true"),
        ]);
        Assert.DoesNotContain(restore.Form, f => f.Key is "PubliclyAccessible" or "EnablePerformanceInsights" or "MonitoringInterval" or "DBClusterInstanceClass");
    }

    [Fact]
    public async Task Aurora_cluster_gets_backup_retention_and_windows_by_modify_before_its_writer_when_available()
    {
        await using var standIn = await AwsStandIn.StartAsync((request, _) => (request.Action, request.Field("DBClusterIdentifier")) switch
        {
            ("DescribeDBClusters", "prod") => RdsAnswers.Clusters(RdsAnswers.AuroraCluster("prod", settings: RdsAnswers.ClusterSettings)),
            ("DescribeDBClusters", _) => RdsAnswers.Clusters(RdsAnswers.AuroraCluster("pitr-r42-a1", members: "", tags: Ours)
                .Replace("<BackupRetentionPeriod>35</BackupRetentionPeriod>", "<BackupRetentionPeriod>1</BackupRetentionPeriod>", StringComparison.Ordinal)),
            _ => RdsAnswers.Ok(request.Action),
        });
        await using var adapters = new AwsAdapters(AwsAdapters.Rds("rds-cluster", standIn.Url, "prod"));

        var status = await adapters.Restorer.GetRestoreStatusAsync("pitr-r42-a1", Cancel);

        Assert.Equal(RestorePhase.Creating, status.Phase);
        AssertForm(Assert.Single(standIn.Requests, r => r.Action == "ModifyDBCluster"), [
            ("Action", "ModifyDBCluster"), ("Version", "2014-10-31"), ("DBClusterIdentifier", "pitr-r42-a1"),
            ("BackupRetentionPeriod", "35"), ("PreferredBackupWindow", "03:00-04:00"), ("PreferredMaintenanceWindow", "sun:05:00-sun:06:00"),
            ("ApplyImmediately", "true"),
        ]);
        Assert.Contains(standIn.Requests, r => r.Action == "AddTagsToResource" && r.Field("ResourceName") == "arn:aws:rds:us-east-1:123456789012:cluster:pitr-r42-a1");
        Assert.DoesNotContain(standIn.Requests, r => r.Action == "CreateDBInstance");
    }

    [Fact]
    public async Task Aurora_writer_carries_the_source_writers_ca_public_access_upgrades_tier_and_monitoring_when_created()
    {
        await using var standIn = await AwsStandIn.StartAsync((request, _) => (request.Action, request.Field("DBClusterIdentifier") ?? request.Field("DBInstanceIdentifier")) switch
        {
            ("DescribeDBClusters", "prod") => RdsAnswers.Clusters(RdsAnswers.AuroraCluster("prod")),
            ("DescribeDBClusters", _) => RdsAnswers.Clusters(RdsAnswers.AuroraCluster("pitr-r42-a1", members: "", tags: Applied)),
            ("DescribeDBInstances", "prod-writer") => RdsAnswers.Instances(RdsAnswers.Instance("prod-writer", cluster: "prod", settings: RdsAnswers.InstanceSettings)),
            ("DescribeDBInstances", _) => RdsAnswers.InstanceNotFound,
            _ => RdsAnswers.Ok(request.Action),
        });
        await using var adapters = new AwsAdapters(AwsAdapters.Rds("rds-cluster", standIn.Url, "prod"));

        await adapters.Restorer.GetRestoreStatusAsync("pitr-r42-a1", Cancel);

        AssertForm(Assert.Single(standIn.Requests, r => r.Action == "CreateDBInstance"), [
            ("Action", "CreateDBInstance"), ("Version", "2014-10-31"), ("DBInstanceIdentifier", "pitr-r42-a1-1"),
            ("DBClusterIdentifier", "pitr-r42-a1"), ("Engine", "aurora-postgresql"), ("DBInstanceClass", "db.r6g.xlarge"),
            ("DBParameterGroupName", "prod-pg15"), ("CACertificateIdentifier", "rds-ca-ecc384-g1"), ("PubliclyAccessible", "false"),
            ("AutoMinorVersionUpgrade", "false"), ("PromotionTier", "3"), ("PreferredMaintenanceWindow", "sun:05:00-sun:06:00"),
            ("EnablePerformanceInsights", "true"), ("PerformanceInsightsKMSKeyId", "arn:aws:kms:us-east-1:123456789012:key/pi"),
            ("PerformanceInsightsRetentionPeriod", "731"), ("MonitoringInterval", "15"),
            ("MonitoringRoleArn", "arn:aws:iam::123456789012:role/rds-monitoring"),
            ("Tags.Tag.1.Key", "pitr:managed"), ("Tags.Tag.1.Value", "true"),
            ("Tags.Tag.2.Key", "pitr:identifier"), ("Tags.Tag.2.Value", "pitr-r42-a1"),
        ]);
    }

    [Fact]
    public async Task Multi_az_cluster_restore_carries_class_iops_public_access_and_monitoring_when_started()
    {
        const string multiAz = "<DBClusterInstanceClass>db.m6gd.large</DBClusterInstanceClass><Iops>3000</Iops><PubliclyAccessible>false</PubliclyAccessible>" +
            "<PerformanceInsightsEnabled>false</PerformanceInsightsEnabled><MonitoringInterval>30</MonitoringInterval><MonitoringRoleArn>arn:aws:iam::123456789012:role/mon</MonitoringRoleArn>";
        await using var standIn = await AwsStandIn.StartAsync((request, _) => (request.Action, request.Field("DBClusterIdentifier")) switch
        {
            ("DescribeDBClusters", "prod") => RdsAnswers.Clusters(RdsAnswers.AuroraCluster("prod", engine: "postgres", settings: multiAz)),
            ("DescribeDBClusters", _) => RdsAnswers.ClusterNotFound,
            _ => RdsAnswers.Ok(request.Action),
        });
        await using var adapters = new AwsAdapters(AwsAdapters.Rds("rds-cluster", standIn.Url, "prod"));

        await adapters.Restorer.StartRestoreAsync(Request, Cancel);

        var restore = Assert.Single(standIn.Requests, r => r.Action == "RestoreDBClusterToPointInTime");
        AssertCarries(restore, [
            ("DBClusterInstanceClass", "db.m6gd.large"), ("Iops", "3000"), ("PubliclyAccessible", "false"),
            ("EnablePerformanceInsights", "false"), ("MonitoringInterval", "30"), ("MonitoringRoleArn", "arn:aws:iam::123456789012:role/mon"),
        ]);
        Assert.DoesNotContain(restore.Form, f => f.Key.StartsWith("PerformanceInsights", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Plan_is_told_the_configured_class_and_network_differ_from_the_source_when_overridden()
    {
        await using var standIn = await AwsStandIn.StartAsync((request, _) => request.Action == "DescribeDBInstances"
            ? RdsAnswers.Instances(RdsAnswers.Instance("prod"))
            : StandInAnswer.RdsFault("Unexpected", request.Action));
        await using var adapters = new AwsAdapters(AwsAdapters.Rds("rds-instance", standIn.Url, "prod", ("InstanceClass", "db.r6g.2xlarge"), ("SubnetGroup", "prod-db-subnets")));

        var source = await adapters.Restorer.DescribeSourceAsync(Cancel);

        Assert.Equal([new SettingDifference("DBInstanceClass", "db.r6g.xlarge", "db.r6g.2xlarge", "set by Rds:InstanceClass")], source.ExpectedDifferences);
    }

    [Fact]
    public async Task Plan_is_told_aurora_readers_are_not_recreated_when_the_source_has_some()
    {
        const string members = "<DBClusterMember><DBInstanceIdentifier>prod-writer</DBInstanceIdentifier><IsClusterWriter>true</IsClusterWriter></DBClusterMember>" +
            "<DBClusterMember><DBInstanceIdentifier>prod-reader-1</DBInstanceIdentifier><IsClusterWriter>false</IsClusterWriter></DBClusterMember>" +
            "<DBClusterMember><DBInstanceIdentifier>prod-reader-2</DBInstanceIdentifier><IsClusterWriter>false</IsClusterWriter></DBClusterMember>";
        await using var standIn = await AwsStandIn.StartAsync((request, _) => request.Action switch
        {
            "DescribeDBClusters" => RdsAnswers.Clusters(RdsAnswers.AuroraCluster("prod", members: members)),
            "DescribeDBInstances" => RdsAnswers.Instances(RdsAnswers.Instance("prod-writer", cluster: "prod")),
            _ => StandInAnswer.RdsFault("Unexpected", request.Action),
        });
        await using var adapters = new AwsAdapters(AwsAdapters.Rds("rds-cluster", standIn.Url, "prod"));

        var source = await adapters.Restorer.DescribeSourceAsync(Cancel);

        var readers = Assert.Single(source.ExpectedDifferences);
        Assert.Equal(("reader instances", "2", "0"), (readers.Setting, readers.Source, readers.Restore));
        Assert.Contains("writer only", readers.Why, StringComparison.Ordinal);
    }

    private static void AssertCarries(CapturedRequest request, (string Key, string Value)[] expected)
    {
        foreach (var (key, value) in expected)
        {
            Assert.Equal((key, value), (key, request.Field(key)));
        }
    }

    private static void AssertForm(CapturedRequest request, (string Key, string Value)[] expected) =>
        Assert.Equal(
            expected.Select(f => $"{f.Key}={f.Value}").Order(StringComparer.Ordinal),
            request.Form.Select(f => $"{f.Key}={f.Value}").Order(StringComparer.Ordinal));
}
