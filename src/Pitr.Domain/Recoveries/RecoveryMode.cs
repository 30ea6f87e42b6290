namespace Pitr.Domain.Recoveries;

public enum RecoveryMode
{
    /// <summary>Restore, then cut the application over to the restored database.</summary>
    Recovery,

    /// <summary>Restore and validate only, to prove the backups and measure RTO; never cuts over.</summary>
    Drill,
}
