using System.Xml.Linq;

namespace Pitr.Adapters.Aws.Rds;

/// <summary>The parts of a <c>DBInstance</c> the engines use.</summary>
internal sealed record RdsInstance(
    string Identifier,
    string Arn,
    string Status,
    string Engine,
    string InstanceClass,
    string? Address,
    int? Port,
    string? DatabaseName,
    int BackupRetentionDays,
    bool DeletionProtection,
    bool MultiAz,
    DateTimeOffset? LatestRestorableTime,
    DateTimeOffset? CreatedAt,
    string? SubnetGroup,
    string? ParameterGroup,
    IReadOnlyList<string> SecurityGroupIds,
    string? ClusterIdentifier,
    IReadOnlyDictionary<string, string> Tags,
    RdsSettings Settings)
{
    public static RdsInstance Parse(XElement instance) => new(
        instance.Required("DBInstanceIdentifier"),
        instance.Text("DBInstanceArn") ?? "",
        instance.Text("DBInstanceStatus") ?? "unknown",
        instance.Text("Engine") ?? "",
        instance.Text("DBInstanceClass") ?? "",
        instance.Child("Endpoint")?.Text("Address"),
        instance.Child("Endpoint")?.Number("Port") ?? instance.Number("DbInstancePort"),
        instance.Text("DBName"),
        instance.Number("BackupRetentionPeriod") ?? 0,
        instance.Flag("DeletionProtection"),
        instance.Flag("MultiAZ"),
        instance.Time("LatestRestorableTime"),
        instance.Time("InstanceCreateTime"),
        instance.Child("DBSubnetGroup")?.Text("DBSubnetGroupName"),
        instance.Child("DBParameterGroups")?.Child("DBParameterGroup")?.Text("DBParameterGroupName"),
        instance.SecurityGroupIds(),
        instance.Text("DBClusterIdentifier"),
        instance.Tags(),
        RdsSettings.OfInstance(instance));
}
