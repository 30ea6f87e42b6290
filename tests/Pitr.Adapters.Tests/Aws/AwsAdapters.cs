using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Pitr.Adapters.Aws;
using Pitr.Domain.Ports;

namespace Pitr.Adapters.Tests.Aws;

/// <summary>Builds the AWS adapters exactly as the host does, from configuration, for one database named "orders".</summary>
internal sealed class AwsAdapters : IAsyncDisposable
{
    public const string Database = "orders";

    private readonly ServiceProvider provider;

    public AwsAdapters(IDictionary<string, string?> settings)
    {
        AwsTestCredentials.Export();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        provider = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging().AddAwsAdapters(configuration).BuildServiceProvider();
    }

    public IDatabaseRestorer Restorer => provider.GetRequiredKeyedService<IDatabaseRestorer>(Database);

    public ISecretStore Secrets => provider.GetRequiredKeyedService<ISecretStore>(Database);

    public T Get<T>()
        where T : notnull => provider.GetRequiredService<T>();

    public static Dictionary<string, string?> Rds(string engine, Uri serviceUrl, string source, params (string Key, string? Value)[] extra)
    {
        var prefix = $"Pitr:Databases:{Database}";
        var settings = new Dictionary<string, string?>
        {
            [$"{prefix}:Engine"] = engine,
            [$"{prefix}:Rds:Region"] = AwsTestCredentials.Region,
            [$"{prefix}:Rds:ServiceUrl"] = serviceUrl.ToString(),
            [$"{prefix}:Rds:SourceIdentifier"] = source,
            [$"{prefix}:Rds:RetryBaseDelay"] = "00:00:00.005",
            [$"{prefix}:Rds:AttemptTimeout"] = "00:00:05",
        };
        foreach (var (key, value) in extra)
        {
            settings[$"{prefix}:Rds:{key}"] = value;
        }

        return settings;
    }

    public static Dictionary<string, string?> SecretsManager(Uri serviceUrl, string secretId) => new()
    {
        [$"Pitr:Databases:{Database}:Secret:Store"] = "aws-secretsmanager",
        [$"Pitr:Databases:{Database}:Secret:SecretsManager:Region"] = AwsTestCredentials.Region,
        [$"Pitr:Databases:{Database}:Secret:SecretsManager:ServiceUrl"] = serviceUrl.ToString(),
        [$"Pitr:Databases:{Database}:Secret:SecretsManager:SecretId"] = secretId,
        [$"Pitr:Databases:{Database}:Secret:SecretsManager:RetryBaseDelay"] = "00:00:00.005",
    };

    public ValueTask DisposeAsync() => provider.DisposeAsync();
}
