using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Pitr.Domain.Ports;

namespace Pitr.Adapters.Tests.Configuration;

/// <summary>Start-up refuses a configuration that names no database or an adapter nobody provides, and says what to write.</summary>
public sealed class DatabaseCatalogTests
{
    [Fact]
    public void Names_the_key_to_add_when_no_database_is_configured()
    {
        var failure = Assert.Throws<OptionsValidationException>(() => Catalog([]));

        Assert.Contains("No database is configured. Add at least one under Pitr:Databases:<name> with an Engine (local, rds-cluster or rds-instance).", failure.Failures);
    }

    [Fact]
    public void Names_the_key_and_the_kinds_it_accepts_when_an_engine_is_unknown()
    {
        var failure = Assert.Throws<OptionsValidationException>(() => Catalog(new() { ["Pitr:Databases:orders:Engine"] = "oracle" }));

        Assert.Contains("Pitr:Databases:orders:Engine is 'oracle', which no adapter provides; use local, rds-cluster or rds-instance.", failure.Failures);
    }

    [Fact]
    public void Names_the_default_database_when_it_is_not_configured()
    {
        var failure = Assert.Throws<OptionsValidationException>(() => Catalog(new()
        {
            ["Pitr:DefaultDatabase"] = "billing",
            ["Pitr:Databases:orders:Engine"] = "rds-cluster",
            ["Pitr:Databases:orders:Rds:Region"] = "eu-west-1",
            ["Pitr:Databases:orders:Rds:SourceIdentifier"] = "orders-prod",
            ["Pitr:Databases:orders:Secret:Store"] = "aws-secretsmanager",
            ["Pitr:Databases:orders:Secret:SecretsManager:Region"] = "eu-west-1",
            ["Pitr:Databases:orders:Secret:SecretsManager:SecretId"] = "orders/db",
            ["Pitr:Databases:orders:Validation:Username"] = "pitr",
            ["Pitr:Databases:orders:Validation:Database"] = "orders",
        }));

        Assert.Contains(failure.Failures, f => f.StartsWith("Pitr:DefaultDatabase names 'billing', which is not configured.", StringComparison.Ordinal));
    }

    private static IDatabaseCatalog Catalog(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddSingleton(TimeProvider.System).AddLogging();
        services.AddPitrAdapters(configuration);
        return services.BuildServiceProvider().GetRequiredService<IDatabaseCatalog>();
    }
}
