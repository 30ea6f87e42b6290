using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Pitr.Adapters.Aws.Rds;
using Pitr.Adapters.Aws.SecretsManager;
using Pitr.Domain.Ports;

namespace Pitr.Adapters.Tests.Aws;

/// <summary>AWS configuration as AWS users expect it, and mistakes said with their full keys, all at once.</summary>
public sealed class AwsOptionsValidationTests
{
    [Fact]
    public async Task Start_fails_naming_the_missing_settings_by_full_key_when_region_and_source_are_unset()
    {
        await using var adapters = new AwsAdapters(new Dictionary<string, string?> { ["Pitr:Databases:orders:Engine"] = "rds-cluster" });

        var error = Assert.Throws<OptionsValidationException>(() => adapters.Restorer);

        Assert.Contains(error.Failures, f => f.StartsWith("Pitr:Databases:orders:Rds:Region: required", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.StartsWith("Pitr:Databases:orders:Rds:SourceIdentifier: required", StringComparison.Ordinal));
    }

    [Fact]
    public void Start_reports_every_mistake_of_every_section_with_its_full_key_at_once()
    {
        var failure = Assert.Throws<OptionsValidationException>(() => Catalog(new()
        {
            ["Pitr:Databases:orders:Engine"] = "rds-cluster",
            ["Pitr:Databases:orders:Aws:Region"] = "eu-west-1",
            ["Pitr:Databases:orders:Rds:MaxAttempts"] = "50",
            ["Pitr:Databases:orders:Secret:Store"] = "aws-secretsmanager",
            ["Pitr:Databases:orders:Validation:Username"] = "pitr",
            ["Pitr:Databases:orders:Workloads:Restarter"] = "none",
            ["Pitr:Databases:orders:Health:Probe"] = "none",
        }));

        Assert.True(failure.Failures.Count() == 3, string.Join("\n", failure.Failures));
        Assert.Contains(failure.Failures, f => f.StartsWith("Pitr:Databases:orders:Rds:SourceIdentifier: required", StringComparison.Ordinal));
        Assert.Contains(failure.Failures, f => f.StartsWith("Pitr:Databases:orders:Rds:MaxAttempts: ", StringComparison.Ordinal));
        Assert.Contains(failure.Failures, f => f.StartsWith("Pitr:Databases:orders:Secret:SecretsManager:SecretId: required", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Region_is_given_once_for_the_database_and_a_section_may_override_it()
    {
        await using var adapters = new AwsAdapters(new Dictionary<string, string?>
        {
            ["Pitr:Databases:orders:Engine"] = "rds-instance",
            ["Pitr:Databases:orders:Aws:Region"] = "eu-west-1",
            ["Pitr:Databases:orders:Rds:SourceIdentifier"] = "orders-prod",
            ["Pitr:Databases:orders:Secret:Store"] = "aws-secretsmanager",
            ["Pitr:Databases:orders:Secret:SecretsManager:SecretId"] = "orders/db",
            ["Pitr:Databases:orders:Secret:SecretsManager:Region"] = "eu-central-1",
        });

        var rds = adapters.Get<IOptionsMonitor<RdsOptions>>().Get(AwsAdapters.Database);
        var secrets = adapters.Get<IOptionsMonitor<SecretsManagerOptions>>().Get(AwsAdapters.Database);

        Assert.Equal(("eu-west-1", "eu-central-1"), (rds.Region, secrets.Region));
    }

    [Fact]
    public async Task Region_comes_from_AWS_REGION_when_the_configuration_has_none()
    {
        Environment.SetEnvironmentVariable("AWS_REGION", "ap-southeast-2");
        try
        {
            await using var adapters = new AwsAdapters(new Dictionary<string, string?>
            {
                ["Pitr:Databases:orders:Engine"] = "rds-cluster",
                ["Pitr:Databases:orders:Rds:SourceIdentifier"] = "orders-prod",
            });

            Assert.Equal("ap-southeast-2", adapters.Get<IOptionsMonitor<RdsOptions>>().Get(AwsAdapters.Database).Region);
        }
        finally
        {
            Environment.SetEnvironmentVariable("AWS_REGION", null);
        }
    }

    [Theory]
    [InlineData("rds-instance", "dbInstanceIdentifier")]
    [InlineData("rds-cluster", "dbClusterIdentifier")]
    public async Task Identifier_field_of_the_secret_follows_the_engine_when_unset(string engine, string field)
    {
        await using var adapters = new AwsAdapters(new Dictionary<string, string?>
        {
            ["Pitr:Databases:orders:Engine"] = engine,
            ["Pitr:Databases:orders:Aws:Region"] = "eu-west-1",
            ["Pitr:Databases:orders:Secret:Store"] = "aws-secretsmanager",
            ["Pitr:Databases:orders:Secret:SecretsManager:SecretId"] = "orders/db",
        });

        Assert.Equal(field, adapters.Get<IOptionsMonitor<SecretsManagerOptions>>().Get(AwsAdapters.Database).IdentifierField);
    }

    private static IDatabaseCatalog Catalog(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddSingleton(TimeProvider.System).AddLogging();
        services.AddPitrAdapters(configuration);
        return services.BuildServiceProvider().GetRequiredService<IDatabaseCatalog>();
    }
}
