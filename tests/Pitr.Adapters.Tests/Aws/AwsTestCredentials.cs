namespace Pitr.Adapters.Tests.Aws;

/// <summary>Static keys handed to the adapters the way production gets them: through the credential chain, from environment variables.</summary>
internal static class AwsTestCredentials
{
    public const string AccessKeyId = "AKIDPITRTEST0000000";
    public const string SecretAccessKey = "pitr/test/secret/key/0000000000000000000";
    public const string Region = "us-east-1";

    public static void Export()
    {
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", AccessKeyId);
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", SecretAccessKey);
        Environment.SetEnvironmentVariable("AWS_SESSION_TOKEN", null);
    }
}
