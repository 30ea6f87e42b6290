using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using Microsoft.Extensions.Configuration;
using Pitr.Adapters.Configuration;

namespace Pitr.Adapters.Aws;

/// <summary>
/// Where a database's AWS region comes from when its section does not say: the database's
/// <c>Aws:Region</c>, then <c>AWS_REGION</c> / <c>AWS_DEFAULT_REGION</c>, then the profile's region, as every AWS SDK does.
/// </summary>
internal static class AwsRegions
{
    public const string DatabaseKey = "Aws:Region";

    public static string? Fallback(IConfiguration configuration, string database) =>
        NonEmpty(configuration[DatabaseSections.PathOf(database, DatabaseKey)])
        ?? NonEmpty(Environment.GetEnvironmentVariable("AWS_REGION"))
        ?? NonEmpty(Environment.GetEnvironmentVariable("AWS_DEFAULT_REGION"))
        ?? FromProfile();

    private static string? FromProfile()
    {
        try
        {
            return new ProfileAWSRegion(new CredentialProfileStoreChain()).Region?.SystemName;
        }
        catch (Exception e) when (e is InvalidOperationException or AmazonClientException or IOException)
        {
            // No profile, or one without a region: the region stays unset and validation says where to set it.
            return null;
        }
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
