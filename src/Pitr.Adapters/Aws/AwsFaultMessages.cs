namespace Pitr.Adapters.Aws;

/// <summary>Turns AWS error codes into what an on-call engineer needs to read: what happened and what to do.</summary>
internal static class AwsFaultMessages
{
    private static readonly HashSet<string> QuotaFaults = new(StringComparer.Ordinal)
    {
        "InstanceQuotaExceeded", "InstanceQuotaExceededFault", "DBClusterQuotaExceededFault",
        "StorageQuotaExceeded", "StorageQuotaExceededFault", "DBSubnetQuotaExceededFault",
        "DBInstanceQuotaExceeded", "LimitExceededException", "ServiceQuotaExceededException",
    };

    /// <summary>IAM refused the call: asking again changes nothing until someone changes the policy.</summary>
    public static bool IsAccessDenied(string? code) =>
        code is "AccessDenied" or "AccessDeniedException" or "AccessDeniedFault" or "UnauthorizedOperation" or "NotAuthorized";

    public static string Explain(AwsFault fault, string iamAction, int attempts)
    {
        var said = string.IsNullOrWhiteSpace(fault.Message) ? fault.Code : fault.Message.TrimEnd('.');
        return fault.Code switch
        {
            "InvalidRestoreFault" =>
                $"AWS refused the restore: {said}. The target time is most likely outside the restorable window; check it with `pitr window` and pick a time inside it.",
            "PointInTimeRestoreNotEnabled" or "PointInTimeRestoreNotEnabledFault" =>
                $"Point-in-time restore is not enabled on the source ({said}). Automated backups are off: set a backup retention of at least 30 days; only times after that can be restored.",
            "DBClusterAlreadyExistsFault" or "DBInstanceAlreadyExists" or "DBInstanceAlreadyExistsFault" =>
                $"A database with the restore's identifier already exists and was not created by this recovery ({said}). Rename or delete it, then retry.",
            "InsufficientDBInstanceCapacity" or "InsufficientDBInstanceCapacityFault" or "InsufficientDBClusterCapacityFault" =>
                $"AWS has no capacity for this instance class in the Availability Zone right now ({said}). Retry in a few minutes, or configure another InstanceClass for this database.",
            "KMSKeyNotAccessibleFault" or "KMSKeyNotAccessible" or "KMSKeyNotAccessibleException" =>
                $"The KMS key that encrypts the source cannot be used ({said}). Check that the key is enabled and that the bot's role may use it (kms:DescribeKey, kms:CreateGrant via RDS).",
            var code when IsAccessDenied(code) =>
                $"The bot's IAM role is not allowed to call {iamAction}. Add {iamAction} to its policy (see deploy/iam-policy.json).",
            "InvalidClientTokenId" or "UnrecognizedClientException" or "SignatureDoesNotMatch" or "ExpiredToken" or "ExpiredTokenException" or "IncompleteSignature" =>
                $"AWS rejected the bot's credentials ({fault.Code}). Check the role or keys the bot runs with and that its clock is right.",
            "Transport" =>
                $"AWS could not be reached for {iamAction} after {attempts} attempt(s): {said}. Check the network path to the endpoint.",
            _ when QuotaFaults.Contains(fault.Code) =>
                $"An RDS quota is exhausted ({fault.Code}: {said}). Decommission restores that are no longer needed, or raise the quota in Service Quotas.",
            _ when AwsRetryRules.IsThrottling(fault.Code) =>
                $"AWS kept throttling {iamAction} after {attempts} attempts. Wait a minute and retry.",
            _ => $"AWS {iamAction} failed: {fault.Code}: {said}.",
        };
    }
}
