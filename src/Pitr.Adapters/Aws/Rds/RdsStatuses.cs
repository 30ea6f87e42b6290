namespace Pitr.Adapters.Aws.Rds;

/// <summary>RDS status words that mean a restore will not become available by itself.</summary>
internal static class RdsStatuses
{
    public const string Available = "available";

    private static readonly HashSet<string> Failed = new(StringComparer.OrdinalIgnoreCase)
    {
        "failed", "incompatible-restore", "incompatible-parameters", "incompatible-network",
        "incompatible-option-group", "inaccessible-encryption-credentials",
        "inaccessible-encryption-credentials-recoverable", "restore-error", "storage-full", "deleting",
    };

    public static bool IsFailed(string status) => Failed.Contains(status);

    public static string Explain(string kind, string identifier, string status) => status switch
    {
        "incompatible-restore" or "restore-error" => $"The {kind} {identifier} could not be restored (status {status}); see its events in the RDS console. Reject it and try a slightly different time.",
        "incompatible-parameters" => $"The {kind} {identifier} cannot start with its parameter group (status {status}); fix the parameter group and retry.",
        "incompatible-network" => $"The {kind} {identifier} has no usable network (status {status}); check the subnet group has free addresses in every zone.",
        "inaccessible-encryption-credentials" or "inaccessible-encryption-credentials-recoverable" => $"The {kind} {identifier} cannot use its KMS key (status {status}); check the key is enabled and its policy.",
        "deleting" => $"The {kind} {identifier} is being deleted.",
        _ => $"The {kind} {identifier} is {status}.",
    };
}
