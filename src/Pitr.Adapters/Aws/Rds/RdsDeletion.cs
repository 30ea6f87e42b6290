using Pitr.Domain.Ports;

namespace Pitr.Adapters.Aws.Rds;

internal static class RdsDeletion
{
    /// <summary>A deletion IAM refuses is refused for good: reported once, not retried until someone changes the policy.</summary>
    public static async ValueTask UnlessDeniedAsync(Func<Task> delete)
    {
        try
        {
            await delete();
        }
        catch (AwsApiException e) when (AwsFaultMessages.IsAccessDenied(e.Code))
        {
            throw new DeletionRefusedException(e.Message, e);
        }
    }

    /// <summary>Deletes an instance; one already gone or already being deleted counts as done.</summary>
    /// <param name="skipFinalSnapshot">Only for standalone instances: Aurora members take no final snapshot.</param>
    public static async Task DeleteInstanceAsync(RdsClient rds, string identifier, bool skipFinalSnapshot, CancellationToken cancellationToken)
    {
        var form = new RdsForm("DeleteDBInstance").Add("DBInstanceIdentifier", identifier);
        if (skipFinalSnapshot)
        {
            form.Add("SkipFinalSnapshot", true).Add("DeleteAutomatedBackups", true);
        }

        try
        {
            await rds.CallAsync(form, cancellationToken);
        }
        catch (AwsApiException e) when (e.Code is "DBInstanceNotFound" or "DBInstanceNotFoundFault")
        {
            // Gone already.
        }
        catch (AwsApiException e) when (e.Code == "InvalidDBInstanceState" && e.ServiceMessage.Contains("deleting", StringComparison.OrdinalIgnoreCase))
        {
            // Already on its way out.
        }
    }
}
