using System.Globalization;
using System.Xml.Linq;

namespace Pitr.Adapters.Aws.Rds;

/// <summary>
/// The settings of a DB cluster or DB instance that an application or an operator notices, read from a
/// describe answer and keyed by the parameter name the restore, create and modify calls use, so copying a
/// setting and comparing it afterwards speak one vocabulary. Lists are comma-joined in a stable order.
/// </summary>
internal sealed class RdsSettings(IReadOnlyDictionary<string, string> values)
{
    public const string SecurityGroups = "VpcSecurityGroupIds";
    public const string LogExports = "EnableCloudwatchLogsExports";
    public const string ServerlessV2 = "ServerlessV2ScalingConfiguration";

    public static readonly RdsSettings None = new(new Dictionary<string, string>());

    public IReadOnlyDictionary<string, string> Values => values;

    public string? this[string key] => values.GetValueOrDefault(key);

    public static RdsSettings OfCluster(XElement cluster) => Read(new (string, string?)[]
    {
        ("DBSubnetGroupName", cluster.Text("DBSubnetGroup")),
        (SecurityGroups, Join(cluster.SecurityGroupIds())),
        ("DBClusterParameterGroupName", cluster.Text("DBClusterParameterGroup")),
        ("KmsKeyId", cluster.Text("KmsKeyId")),
        ("Port", cluster.Text("Port")),
        ("EngineVersion", cluster.Text("EngineVersion")),
        ("EnableIAMDatabaseAuthentication", cluster.Text("IAMDatabaseAuthenticationEnabled")),
        (LogExports, Join(Members(cluster, "EnabledCloudwatchLogsExports"))),
        ("CopyTagsToSnapshot", cluster.Text("CopyTagsToSnapshot")),
        ("BackupRetentionPeriod", cluster.Text("BackupRetentionPeriod")),
        ("PreferredBackupWindow", cluster.Text("PreferredBackupWindow")),
        ("PreferredMaintenanceWindow", cluster.Text("PreferredMaintenanceWindow")),
        ("NetworkType", cluster.Text("NetworkType")),
        (ServerlessV2, Scaling(cluster.Child(ServerlessV2))),
        ("DBClusterInstanceClass", cluster.Text("DBClusterInstanceClass")),
        ("StorageType", cluster.Text("StorageType")),
        ("Iops", cluster.Text("Iops")),
        ("PubliclyAccessible", cluster.Text("PubliclyAccessible")),
        ("AutoMinorVersionUpgrade", cluster.Text("AutoMinorVersionUpgrade")),
        ("EnablePerformanceInsights", cluster.Text("PerformanceInsightsEnabled")),
        ("PerformanceInsightsKMSKeyId", cluster.Text("PerformanceInsightsKMSKeyId")),
        ("PerformanceInsightsRetentionPeriod", cluster.Text("PerformanceInsightsRetentionPeriod")),
        ("MonitoringInterval", cluster.Text("MonitoringInterval")),
        ("MonitoringRoleArn", cluster.Text("MonitoringRoleArn")),
        ("DeletionProtection", cluster.Text("DeletionProtection")),
    });

    public static RdsSettings OfInstance(XElement instance) => Read(new (string, string?)[]
    {
        ("DBInstanceClass", instance.Text("DBInstanceClass")),
        ("MultiAZ", instance.Text("MultiAZ")),
        ("DBSubnetGroupName", instance.Child("DBSubnetGroup")?.Text("DBSubnetGroupName")),
        (SecurityGroups, Join(instance.SecurityGroupIds())),
        ("DBParameterGroupName", instance.Child("DBParameterGroups")?.Child("DBParameterGroup")?.Text("DBParameterGroupName")),
        ("Port", instance.Child("Endpoint")?.Text("Port") ?? instance.Text("DbInstancePort")),
        ("OptionGroupName", instance.Child("OptionGroupMemberships")?.Child("OptionGroupMembership")?.Text("OptionGroupName")),
        ("EngineVersion", instance.Text("EngineVersion")),
        ("CACertificateIdentifier", instance.Text("CACertificateIdentifier")),
        ("PubliclyAccessible", instance.Text("PubliclyAccessible")),
        ("AutoMinorVersionUpgrade", instance.Text("AutoMinorVersionUpgrade")),
        ("PromotionTier", instance.Text("PromotionTier")),
        ("EnableIAMDatabaseAuthentication", instance.Text("IAMDatabaseAuthenticationEnabled")),
        (LogExports, Join(Members(instance, "EnabledCloudwatchLogsExports"))),
        ("CopyTagsToSnapshot", instance.Text("CopyTagsToSnapshot")),
        ("StorageType", instance.Text("StorageType")),
        ("Iops", instance.Text("Iops")),
        ("StorageThroughput", instance.Text("StorageThroughput")),
        ("MaxAllocatedStorage", instance.Text("MaxAllocatedStorage")),
        ("NetworkType", instance.Text("NetworkType")),
        ("KmsKeyId", instance.Text("KmsKeyId")),
        ("BackupRetentionPeriod", instance.Text("BackupRetentionPeriod")),
        ("PreferredBackupWindow", instance.Text("PreferredBackupWindow")),
        ("PreferredMaintenanceWindow", instance.Text("PreferredMaintenanceWindow")),
        ("EnablePerformanceInsights", instance.Text("PerformanceInsightsEnabled")),
        ("PerformanceInsightsKMSKeyId", instance.Text("PerformanceInsightsKMSKeyId")),
        ("PerformanceInsightsRetentionPeriod", instance.Text("PerformanceInsightsRetentionPeriod")),
        ("MonitoringInterval", instance.Text("MonitoringInterval")),
        ("MonitoringRoleArn", instance.Text("MonitoringRoleArn")),
        ("DeletionProtection", instance.Text("DeletionProtection")),
    });

    /// <summary>Booleans in lower case, so "True" from one answer equals "true" from another.</summary>
    private static RdsSettings Read(IEnumerable<(string Key, string? Value)> read) => new(
        read.Where(s => !string.IsNullOrEmpty(s.Value))
            .ToDictionary(s => s.Key, s => s.Value is "True" or "False" ? s.Value.ToLowerInvariant() : s.Value!, StringComparer.Ordinal));

    /// <summary>These settings with some replaced, e.g. by what the configuration chose for the restore.</summary>
    public RdsSettings With(IEnumerable<KeyValuePair<string, string?>> replacements)
    {
        var copy = new Dictionary<string, string>(values, StringComparer.Ordinal);
        foreach (var (key, value) in replacements.Where(r => r.Value is not null))
        {
            copy[key] = value!;
        }

        return new RdsSettings(copy);
    }

    private static IEnumerable<string> Members(XElement element, string list) =>
        element.Child(list)?.Elements().Select(e => e.Value) ?? [];

    private static string? Join(IEnumerable<string> values) =>
        values.Order(StringComparer.Ordinal).ToList() is { Count: > 0 } sorted ? string.Join(",", sorted) : null;

    /// <summary><c>MinCapacity=0.5,MaxCapacity=4</c>: readable in a diff and encodable as the call's two fields.</summary>
    private static string? Scaling(XElement? scaling) =>
        scaling is null || scaling.Text("MinCapacity") is not { } min || scaling.Text("MaxCapacity") is not { } max
            ? null
            : $"MinCapacity={Number(min)},MaxCapacity={Number(max)}";

    private static string Number(string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n.ToString(CultureInfo.InvariantCulture) : value;
}
