using System.Xml.Linq;

namespace Pitr.Adapters.Aws.Rds;

/// <summary>The parts of a <c>DBCluster</c> the engines use.</summary>
internal sealed record RdsCluster(
    string Identifier,
    string Arn,
    string Status,
    string Engine,
    string? Endpoint,
    int? Port,
    string? DatabaseName,
    int BackupRetentionDays,
    bool DeletionProtection,
    DateTimeOffset? EarliestRestorableTime,
    DateTimeOffset? LatestRestorableTime,
    string? SubnetGroup,
    string? ParameterGroup,
    IReadOnlyList<string> SecurityGroupIds,
    string? KmsKeyId,
    string? ClusterInstanceClass,
    IReadOnlyList<RdsClusterMember> Members,
    IReadOnlyDictionary<string, string> Tags,
    RdsSettings Settings)
{
    /// <summary>Aurora clusters have no compute until an instance is created in them; Multi-AZ DB clusters do.</summary>
    public bool IsAurora => Engine.StartsWith("aurora", StringComparison.OrdinalIgnoreCase);

    public static RdsCluster Parse(XElement cluster) => new(
        cluster.Required("DBClusterIdentifier"),
        cluster.Text("DBClusterArn") ?? "",
        cluster.Text("Status") ?? "unknown",
        cluster.Text("Engine") ?? "",
        cluster.Text("Endpoint"),
        cluster.Number("Port"),
        cluster.Text("DatabaseName"),
        cluster.Number("BackupRetentionPeriod") ?? 0,
        cluster.Flag("DeletionProtection"),
        cluster.Time("EarliestRestorableTime"),
        cluster.Time("LatestRestorableTime"),
        cluster.Text("DBSubnetGroup"),
        cluster.Text("DBClusterParameterGroup"),
        cluster.SecurityGroupIds(),
        cluster.Text("KmsKeyId"),
        cluster.Text("DBClusterInstanceClass"),
        cluster.Child("DBClusterMembers")?.Children("DBClusterMember")
            .Select(m => new RdsClusterMember(m.Required("DBInstanceIdentifier"), m.Flag("IsClusterWriter"))).ToList() ?? [],
        cluster.Tags(),
        RdsSettings.OfCluster(cluster));
}

internal sealed record RdsClusterMember(string InstanceIdentifier, bool IsWriter);
