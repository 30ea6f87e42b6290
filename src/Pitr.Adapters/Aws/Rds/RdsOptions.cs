using System.ComponentModel.DataAnnotations;

namespace Pitr.Adapters.Aws.Rds;

/// <summary>Settings of the <c>rds-cluster</c> and <c>rds-instance</c> engines (<c>Pitr:Databases:&lt;name&gt;:Rds</c>).</summary>
public sealed class RdsOptions : AwsClientOptions
{
    public const string Section = "Rds";

    /// <summary>The DB cluster (rds-cluster) or DB instance (rds-instance) to restore from.</summary>
    [Required(ErrorMessage = "required: the DB cluster (rds-cluster) or DB instance (rds-instance) identifier to restore from.")]
    public string SourceIdentifier { get; set; } = "";

    /// <summary>Instance class of the restore (rds-instance) or of the writer created in a restored Aurora cluster.
    /// Default: the source's (its writer's, for Aurora).</summary>
    public string? InstanceClass { get; set; }

    /// <summary>DB subnet group of the restore. Default: the source's.</summary>
    public string? SubnetGroup { get; set; }

    /// <summary>VPC security groups of the restore. Default: the source's.</summary>
    public IList<string> SecurityGroupIds { get; } = [];

    /// <summary>DB cluster parameter group (rds-cluster) or DB parameter group (rds-instance). Default: the source's.</summary>
    public string? ParameterGroup { get; set; }

    /// <summary>Deletion protection on the restored database, which becomes production after cutover.
    /// The bot lifts it itself on restores it created before deleting them.</summary>
    public bool DeletionProtection { get; set; } = true;

    /// <summary>The backup retention a restore that became production gets at least, before the recovery completes (RDS allows 1 to 35).</summary>
    [Range(1, 35, ErrorMessage = "must be between 1 and 35 days (what RDS allows).")]
    public int MinimumBackupRetentionDays { get; set; } = 30;

    /// <summary>Copy the source's tags onto the restore (besides the tags naming the recovery).</summary>
    public bool CopySourceTags { get; set; } = true;

    /// <summary>The database name in endpoints. Default: the source's, else <c>postgres</c>.</summary>
    public string? DatabaseName { get; set; }

    /// <summary>The CloudWatch Logs group holding the source's PostgreSQL log; RDS's own name for it when unset.</summary>
    public string? LogGroup { get; set; }

    /// <summary>How far back suggestions look in the log at most.</summary>
    public TimeSpan LogLookback { get; set; } = TimeSpan.FromDays(1);
}
