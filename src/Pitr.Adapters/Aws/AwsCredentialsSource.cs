using Amazon.Runtime;
using Amazon.Runtime.Credentials;

namespace Pitr.Adapters.Aws;

/// <summary>
/// The standard AWS credential chain (environment, profile, web identity for IRSA, ECS, instance
/// metadata), resolved once on first use. The credentials it returns refresh themselves, and the
/// signing handler asks them for fresh keys on every request.
/// </summary>
internal sealed class AwsCredentialsSource
{
    private readonly Lazy<AWSCredentials> credentials = new(
        () => new DefaultAWSCredentialsIdentityResolver().ResolveIdentity(null),
        LazyThreadSafetyMode.ExecutionAndPublication);

    public AWSCredentials Credentials => credentials.Value;
}
