using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Pitr.Adapters.Kubernetes;
using Pitr.Domain.Ports;

namespace Pitr.Adapters.Tests.Kubernetes;

public sealed class KubernetesAdapterRegistrationTests
{
    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton(TimeProvider.System)
            .AddLogging()
            .AddKubernetesAdapters(configuration)
            .BuildServiceProvider();
    }

    [Fact]
    public void Binds_the_workloads_of_each_database_that_names_the_kubernetes_restarter()
    {
        using var services = Services(new()
        {
            ["Pitr:Databases:orders:Workloads:Restarter"] = "kubernetes",
            ["Pitr:Databases:orders:Workloads:Kubernetes:Namespaces:0"] = "prod",
            ["Pitr:Databases:orders:Workloads:Kubernetes:Deployments:0"] = "api",
            ["Pitr:Databases:orders:Workloads:Kubernetes:LabelSelector"] = "uses-db=orders",
            ["Pitr:Databases:orders:Workloads:Kubernetes:PollInterval"] = "00:00:05",
            ["Pitr:Databases:billing:Workloads:Restarter"] = "none",
        });

        var options = services.GetRequiredService<IOptionsMonitor<KubernetesWorkloadOptions>>().Get("orders");

        Assert.Equal(["prod"], options.Namespaces);
        Assert.Equal(["api"], options.Deployments);
        Assert.Equal("uses-db=orders", options.LabelSelector);
        Assert.Equal(TimeSpan.FromSeconds(5), options.PollInterval);
        Assert.Null(services.GetKeyedService<IWorkloadRestarter>("billing"));
    }

    [Fact]
    public void Refuses_at_start_a_restarter_that_names_no_workload()
    {
        using var services = Services(new()
        {
            ["Pitr:Databases:orders:Workloads:Restarter"] = "kubernetes",
            ["Pitr:Databases:orders:Workloads:Kubernetes:Namespaces:0"] = "prod",
        });

        var refused = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptionsMonitor<KubernetesWorkloadOptions>>().Get("orders"));

        Assert.Contains("Workloads:Kubernetes names no workload", refused.Message);
    }

    [Fact]
    public void Refuses_at_start_a_kubernetes_secret_without_its_name()
    {
        using var services = Services(new()
        {
            ["Pitr:Databases:orders:Secret:Store"] = "kubernetes-secret",
            ["Pitr:Databases:orders:Secret:Kubernetes:Namespace"] = "prod",
        });

        var refused = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptionsMonitor<KubernetesSecretOptions>>().Get("orders"));

        Assert.Contains("Secret:Kubernetes:Name is required", refused.Message);
    }
}
