namespace Pitr.Adapters.Aws;

/// <summary>Resolves a service's URL: explicit option, then the conventional per-service variable, then the global
/// <c>AWS_ENDPOINT_URL</c>, then the regional endpoint.</summary>
internal static class AwsEndpoints
{
    public static Uri Resolve(AwsClientOptions options, AwsService service) =>
        options.ServiceUrl
        ?? FromEnvironment(service.EndpointVariable)
        ?? FromEnvironment("AWS_ENDPOINT_URL")
        ?? new Uri($"https://{service.EndpointPrefix}.{options.Region}.amazonaws.com/");

    private static Uri? FromEnvironment(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } url ? new Uri(url) : null;
}

/// <param name="SigningName">The name in the SigV4 credential scope.</param>
/// <param name="IamPrefix">The prefix of the service's IAM actions, used to name a missing permission.</param>
internal sealed record AwsService(string SigningName, string EndpointPrefix, string EndpointVariable, string IamPrefix)
{
    public static readonly AwsService Rds = new("rds", "rds", "AWS_ENDPOINT_URL_RDS", "rds");

    public static readonly AwsService SecretsManager = new("secretsmanager", "secretsmanager", "AWS_ENDPOINT_URL_SECRETS_MANAGER", "secretsmanager");

    public static readonly AwsService Logs = new("logs", "logs", "AWS_ENDPOINT_URL_CLOUDWATCH_LOGS", "logs");

    public static readonly AwsService CloudWatch = new("monitoring", "monitoring", "AWS_ENDPOINT_URL_CLOUDWATCH", "cloudwatch");
}
