namespace Pitr.Adapters.Aws.Rds;

/// <summary>
/// Which source settings each call carries to the restore, as the RDS API allows them: the restore call
/// takes most, the rest only through a modify call once the restore is available. What no call can set
/// (the engine version and encryption key follow the source by the nature of a restore) is still compared.
/// </summary>
internal static class RdsCarriedSettings
{
    public static readonly string[] InstanceRestore =
    [
        "DBInstanceClass", "MultiAZ", "DBSubnetGroupName", RdsSettings.SecurityGroups, "DBParameterGroupName", "Port",
        "OptionGroupName", "CACertificateIdentifier", "PubliclyAccessible", "AutoMinorVersionUpgrade",
        "EnableIAMDatabaseAuthentication", RdsSettings.LogExports, "CopyTagsToSnapshot", "StorageType", "Iops",
        "StorageThroughput", "MaxAllocatedStorage", "NetworkType",
    ];

    /// <summary>RestoreDBInstanceToPointInTime accepts none of these.</summary>
    public static readonly string[] InstanceModify =
    [
        "BackupRetentionPeriod", "PreferredBackupWindow", "PreferredMaintenanceWindow",
        "EnablePerformanceInsights", "PerformanceInsightsKMSKeyId", "PerformanceInsightsRetentionPeriod",
        "MonitoringInterval", "MonitoringRoleArn",
    ];

    public static readonly string[] InstanceCompared = [.. InstanceRestore, .. InstanceModify, "EngineVersion", "KmsKeyId", "DeletionProtection"];

    public static readonly string[] ClusterRestore =
    [
        "DBSubnetGroupName", RdsSettings.SecurityGroups, "DBClusterParameterGroupName", "KmsKeyId", "Port",
        "EnableIAMDatabaseAuthentication", RdsSettings.LogExports, "CopyTagsToSnapshot", "NetworkType", "StorageType",
    ];

    /// <summary>Aurora only: Serverless v2 capacity.</summary>
    public static readonly string[] AuroraClusterRestore = [RdsSettings.ServerlessV2];

    /// <summary>Multi-AZ DB clusters only: Aurora refuses these on a cluster restore (monitoring lives on its instances).</summary>
    public static readonly string[] MultiAzClusterRestore =
    [
        "DBClusterInstanceClass", "Iops", "PubliclyAccessible",
        "EnablePerformanceInsights", "PerformanceInsightsKMSKeyId", "PerformanceInsightsRetentionPeriod",
        "MonitoringInterval", "MonitoringRoleArn",
    ];

    /// <summary>RestoreDBClusterToPointInTime accepts none of these.</summary>
    public static readonly string[] ClusterModify = ["BackupRetentionPeriod", "PreferredBackupWindow", "PreferredMaintenanceWindow"];

    /// <summary>ModifyDBCluster takes this for Multi-AZ DB clusters only.</summary>
    public static readonly string[] MultiAzClusterModify = ["AutoMinorVersionUpgrade"];

    public static readonly string[] ClusterCompared =
        [.. ClusterRestore, .. AuroraClusterRestore, .. MultiAzClusterRestore, .. ClusterModify, .. MultiAzClusterModify, "EngineVersion", "DeletionProtection"];

    /// <summary>What CreateDBInstance carries from the source's writer to the writer of a restored Aurora cluster;
    /// the rest of an Aurora instance's settings belong to its cluster.</summary>
    public static readonly string[] AuroraWriter =
    [
        "DBInstanceClass", "DBParameterGroupName", "CACertificateIdentifier", "PubliclyAccessible", "AutoMinorVersionUpgrade",
        "PromotionTier", "PreferredMaintenanceWindow", "EnablePerformanceInsights", "PerformanceInsightsKMSKeyId",
        "PerformanceInsightsRetentionPeriod", "MonitoringInterval", "MonitoringRoleArn",
    ];

    private static readonly string[][] Together =
    [
        ["EnablePerformanceInsights", "PerformanceInsightsKMSKeyId", "PerformanceInsightsRetentionPeriod"],
        ["MonitoringInterval", "MonitoringRoleArn"],
    ];

    /// <summary>The <paramref name="keys"/> whose wanted value the restore does not have, with the settings that must travel with them.</summary>
    public static IReadOnlyList<string> Differing(RdsSettings wanted, RdsSettings current, IEnumerable<string> keys)
    {
        var differing = keys.Where(k => wanted[k] is not null && wanted[k] != current[k]).ToHashSet(StringComparer.Ordinal);
        foreach (var group in Together.Where(g => g.Any(differing.Contains)))
        {
            differing.UnionWith(group);
        }

        return [.. keys.Where(differing.Contains)];
    }
}
