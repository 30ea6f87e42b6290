namespace Pitr.Adapters.Aws.Rds;

/// <summary>
/// Sends, once, the source settings a restore call cannot carry (backup retention and windows, monitoring)
/// with the modify call, when the restore is available; a tag records that it was done.
/// </summary>
internal static class RdsFollowUpSettings
{
    /// <param name="modify"><c>ModifyDBInstance</c> or <c>ModifyDBCluster</c>.</param>
    /// <param name="identifierField"><c>DBInstanceIdentifier</c> or <c>DBClusterIdentifier</c>.</param>
    public static async Task ApplyAsync(
        RdsClient rds, string modify, string identifierField, string identifier, string arn,
        RdsSettings wanted, RdsSettings current, IEnumerable<string> keys, CancellationToken cancellationToken)
    {
        var differing = RdsCarriedSettings.Differing(wanted, current, keys);
        if (differing.Count > 0)
        {
            await rds.CallAsync(new RdsForm(modify).Add(identifierField, identifier).Carry(wanted, differing).Add("ApplyImmediately", true), cancellationToken);
        }

        await rds.CallAsync(new RdsForm("AddTagsToResource").Add("ResourceName", arn).AddTags([new(RdsTags.SettingsApplied, "true")]), cancellationToken);
    }
}
