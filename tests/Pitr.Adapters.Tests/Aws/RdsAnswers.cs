namespace Pitr.Adapters.Tests.Aws;

/// <summary>RDS answers as AWS writes them, for the stand-in.</summary>
internal static class RdsAnswers
{
    private const string Ns = "http://rds.amazonaws.com/doc/2014-10-31/";

    public static StandInAnswer Clusters(params string[] clusters) => StandInAnswer.Xml(
        $"""<DescribeDBClustersResponse xmlns="{Ns}"><DescribeDBClustersResult><DBClusters>{string.Concat(clusters)}</DBClusters></DescribeDBClustersResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></DescribeDBClustersResponse>""");

    public static StandInAnswer Instances(params string[] instances) => StandInAnswer.Xml(
        $"""<DescribeDBInstancesResponse xmlns="{Ns}"><DescribeDBInstancesResult><DBInstances>{string.Concat(instances)}</DBInstances></DescribeDBInstancesResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></DescribeDBInstancesResponse>""");

    public static StandInAnswer Ok(string action, string inner = "") => StandInAnswer.Xml(
        $"""<{action}Response xmlns="{Ns}"><{action}Result>{inner}</{action}Result><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></{action}Response>""");

    public static readonly StandInAnswer ClusterNotFound = StandInAnswer.RdsFault("DBClusterNotFoundFault", "DBCluster not found.", 404);

    public static readonly StandInAnswer InstanceNotFound = StandInAnswer.RdsFault("DBInstanceNotFound", "DBInstance not found.", 404);

    /// <summary>An Aurora PostgreSQL cluster with everything a restore must copy.</summary>
    public static string AuroraCluster(string id, string status = "available", string members = "<DBClusterMember><DBInstanceIdentifier>prod-writer</DBInstanceIdentifier><IsClusterWriter>true</IsClusterWriter></DBClusterMember>", string tags = "<Tag><Key>team</Key><Value>payments</Value></Tag><Tag><Key>aws:cloudformation:stack-name</Key><Value>db</Value></Tag>", string engine = "aurora-postgresql", string settings = "") =>
        $"""
        <DBCluster><DBClusterIdentifier>{id}</DBClusterIdentifier><DBClusterArn>arn:aws:rds:us-east-1:123456789012:cluster:{id}</DBClusterArn>
        <Status>{status}</Status><Engine>{engine}</Engine>{settings}<EngineVersion>15.4</EngineVersion>
        <Endpoint>{id}.cluster-abc.us-east-1.rds.amazonaws.com</Endpoint><Port>5433</Port><DatabaseName>orders</DatabaseName>
        <BackupRetentionPeriod>35</BackupRetentionPeriod><DeletionProtection>true</DeletionProtection>
        <EarliestRestorableTime>2024-04-01T00:05:00.123Z</EarliestRestorableTime><LatestRestorableTime>2024-05-01T10:40:00Z</LatestRestorableTime>
        <DBSubnetGroup>prod-db-subnets</DBSubnetGroup><DBClusterParameterGroup>prod-aurora-pg15</DBClusterParameterGroup>
        <VpcSecurityGroups><VpcSecurityGroupMembership><VpcSecurityGroupId>sg-0aaa</VpcSecurityGroupId><Status>active</Status></VpcSecurityGroupMembership><VpcSecurityGroupMembership><VpcSecurityGroupId>sg-0bbb</VpcSecurityGroupId><Status>active</Status></VpcSecurityGroupMembership></VpcSecurityGroups>
        <StorageEncrypted>true</StorageEncrypted><KmsKeyId>arn:aws:kms:us-east-1:123456789012:key/1234abcd</KmsKeyId>
        <DBClusterMembers>{members}</DBClusterMembers><TagList>{tags}</TagList></DBCluster>
        """;

    public static string Instance(string id, string status = "available", string cluster = "", string tags = "<Tag><Key>team</Key><Value>payments</Value></Tag>", string settings = "") =>
        $"""
        <DBInstance><DBInstanceIdentifier>{id}</DBInstanceIdentifier><DBInstanceArn>arn:aws:rds:us-east-1:123456789012:db:{id}</DBInstanceArn>
        <DBInstanceClass>db.r6g.xlarge</DBInstanceClass><Engine>postgres</Engine>{settings}<DBInstanceStatus>{status}</DBInstanceStatus><DBName>orders</DBName>
        <Endpoint><Address>{id}.abc.us-east-1.rds.amazonaws.com</Address><Port>5432</Port></Endpoint>
        <BackupRetentionPeriod>30</BackupRetentionPeriod><DeletionProtection>true</DeletionProtection><MultiAZ>true</MultiAZ>
        <LatestRestorableTime>2024-05-01T10:40:00Z</LatestRestorableTime><InstanceCreateTime>2023-01-01T00:00:00Z</InstanceCreateTime>
        <DBSubnetGroup><DBSubnetGroupName>prod-db-subnets</DBSubnetGroupName></DBSubnetGroup>
        <DBParameterGroups><DBParameterGroup><DBParameterGroupName>prod-pg15</DBParameterGroupName><ParameterApplyStatus>in-sync</ParameterApplyStatus></DBParameterGroup></DBParameterGroups>
        <VpcSecurityGroups><VpcSecurityGroupMembership><VpcSecurityGroupId>sg-0aaa</VpcSecurityGroupId><Status>active</Status></VpcSecurityGroupMembership></VpcSecurityGroups>
        {(cluster.Length > 0 ? $"<DBClusterIdentifier>{cluster}</DBClusterIdentifier>" : "")}<TagList>{tags}</TagList></DBInstance>
        """;

    /// <summary>What an application notices on an instance beyond its network: authentication, TLS, monitoring, storage, backups.</summary>
    public const string InstanceSettings =
        "<EngineVersion>15.4</EngineVersion><CACertificateIdentifier>rds-ca-ecc384-g1</CACertificateIdentifier><PubliclyAccessible>false</PubliclyAccessible>" +
        "<AutoMinorVersionUpgrade>false</AutoMinorVersionUpgrade><PromotionTier>3</PromotionTier><IAMDatabaseAuthenticationEnabled>true</IAMDatabaseAuthenticationEnabled>" +
        "<EnabledCloudwatchLogsExports><member>upgrade</member><member>postgresql</member></EnabledCloudwatchLogsExports><CopyTagsToSnapshot>true</CopyTagsToSnapshot>" +
        "<StorageType>gp3</StorageType><Iops>12000</Iops><StorageThroughput>500</StorageThroughput><MaxAllocatedStorage>1000</MaxAllocatedStorage><NetworkType>DUAL</NetworkType>" +
        "<OptionGroupMemberships><OptionGroupMembership><OptionGroupName>prod-options</OptionGroupName><Status>in-sync</Status></OptionGroupMembership></OptionGroupMemberships>" +
        "<PreferredBackupWindow>03:00-04:00</PreferredBackupWindow><PreferredMaintenanceWindow>sun:05:00-sun:06:00</PreferredMaintenanceWindow>" +
        "<PerformanceInsightsEnabled>true</PerformanceInsightsEnabled><PerformanceInsightsKMSKeyId>arn:aws:kms:us-east-1:123456789012:key/pi</PerformanceInsightsKMSKeyId>" +
        "<PerformanceInsightsRetentionPeriod>731</PerformanceInsightsRetentionPeriod><MonitoringInterval>15</MonitoringInterval>" +
        "<MonitoringRoleArn>arn:aws:iam::123456789012:role/rds-monitoring</MonitoringRoleArn>";

    /// <summary>What an application notices on an Aurora cluster beyond its network.</summary>
    public const string ClusterSettings =
        "<IAMDatabaseAuthenticationEnabled>true</IAMDatabaseAuthenticationEnabled><EnabledCloudwatchLogsExports><member>postgresql</member></EnabledCloudwatchLogsExports>" +
        "<CopyTagsToSnapshot>true</CopyTagsToSnapshot><NetworkType>IPV4</NetworkType><StorageType>aurora-iopt1</StorageType>" +
        "<ServerlessV2ScalingConfiguration><MinCapacity>0.5</MinCapacity><MaxCapacity>16.0</MaxCapacity></ServerlessV2ScalingConfiguration>" +
        "<PreferredBackupWindow>03:00-04:00</PreferredBackupWindow><PreferredMaintenanceWindow>sun:05:00-sun:06:00</PreferredMaintenanceWindow>";
}
