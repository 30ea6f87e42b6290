namespace Pitr.Adapters.Aws.Rds;

/// <summary>What re-protection needs to know of a cluster or an instance, and how it is modified.</summary>
/// <param name="Modify"><c>ModifyDBCluster</c> or <c>ModifyDBInstance</c>.</param>
/// <param name="IdentifierField"><c>DBClusterIdentifier</c> or <c>DBInstanceIdentifier</c>.</param>
/// <param name="Cli">The aws CLI verb people use for the same change.</param>
internal sealed record RdsProtected(
    string Modify,
    string IdentifierField,
    string Cli,
    string Identifier,
    int RetentionDays,
    bool DeletionProtection,
    string? LogExports,
    DateTimeOffset? LatestRestorableTime,
    IReadOnlyDictionary<string, string> Tags)
{
    public static RdsProtected Of(RdsCluster c) => new RdsProtected("ModifyDBCluster", "DBClusterIdentifier", "modify-db-cluster --db-cluster-identifier", c.Identifier,
        c.BackupRetentionDays, c.DeletionProtection, c.Settings[RdsSettings.LogExports], c.LatestRestorableTime, c.Tags);

    public static RdsProtected Of(RdsInstance i) => new RdsProtected("ModifyDBInstance", "DBInstanceIdentifier", "modify-db-instance --db-instance-identifier", i.Identifier,
        i.BackupRetentionDays, i.DeletionProtection, i.Settings[RdsSettings.LogExports], i.LatestRestorableTime, i.Tags);
}
