using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Pitr.Domain.Ports;

namespace Pitr.Adapters.Tests.Configuration;

/// <summary>The marker proof's writer connection: a database gets a proof only with one, and a mistake in it is named without its password.</summary>
public sealed class MarkerProofOptionsTests
{
    [Fact]
    public void A_database_without_a_marker_connection_has_no_marker_proof()
    {
        var catalog = Catalog(null);

        Assert.Null(catalog.Find("orders")!.Markers);
    }

    [Fact]
    public void A_database_with_a_marker_connection_has_a_marker_proof()
    {
        var catalog = Catalog("Host=orders-prod;Database=app;Username=pitr_marker;Password=hunter2");

        Assert.NotNull(catalog.Find("orders")!.Markers);
    }

    [Fact]
    public void A_malformed_marker_connection_is_named_by_its_key_without_its_password()
    {
        var failure = Assert.Throws<OptionsValidationException>(() => Catalog("Host=orders-prod;Password=hunter2;Colour=blue"));

        var said = Assert.Single(failure.Failures, f => f.Contains("MarkerConnection", StringComparison.Ordinal));
        Assert.StartsWith("Pitr:Databases:orders:Drills:MarkerConnection: is not a valid connection string", said, StringComparison.Ordinal);
        Assert.DoesNotContain(failure.Failures, f => f.Contains("hunter2", StringComparison.Ordinal));
    }

    private static IDatabaseCatalog Catalog(string? markerConnection)
    {
        var root = Path.Combine(Path.GetTempPath(), "pitr-marker-options");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Pitr:Databases:orders:Engine"] = "local",
            ["Pitr:Databases:orders:Local:BaseBackupDir"] = Path.Combine(root, "backups"),
            ["Pitr:Databases:orders:Local:WalArchiveDir"] = Path.Combine(root, "archive"),
            ["Pitr:Databases:orders:Local:WorkDir"] = Path.Combine(root, "restores"),
            ["Pitr:Databases:orders:Secret:Store"] = "file",
            ["Pitr:Databases:orders:Secret:File:Path"] = Path.Combine(root, "secret.json"),
            ["Pitr:Databases:orders:Workloads:Restarter"] = "none",
            ["Pitr:Databases:orders:Health:Probe"] = "none",
            ["Pitr:Databases:orders:Drills:MarkerConnection"] = markerConnection,
        }).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddSingleton(TimeProvider.System).AddLogging();
        services.AddPitrAdapters(configuration);
        return services.BuildServiceProvider().GetRequiredService<IDatabaseCatalog>();
    }
}
