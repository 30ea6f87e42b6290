using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Pitr.Adapters.Configuration;
using Pitr.Domain.Ports;

namespace Pitr.Adapters.Kubernetes;

internal static class KubernetesServiceExtensions
{
    public const string RestarterKind = "kubernetes";
    public const string SecretStoreKind = "kubernetes-secret";

    /// <summary>The <c>kubernetes</c> workload restarter and the <c>kubernetes-secret</c> store, for the databases that name them.</summary>
    public static IServiceCollection AddKubernetesAdapters(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddPerDatabase<KubernetesWorkloadOptions, IWorkloadRestarter>(configuration, DatabaseSections.RestarterKey, RestarterKind, KubernetesWorkloadOptions.Section, (sp, options, _) =>
            new KubernetesWorkloadRestarter(KubernetesClients.Create(options), options, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<KubernetesWorkloadRestarter>>()));
        services.AddPerDatabase<KubernetesSecretOptions, ISecretStore>(configuration, DatabaseSections.SecretStoreKey, SecretStoreKind, KubernetesSecretOptions.Section, (sp, options, _) =>
            new KubernetesSecretStore(KubernetesClients.Create(options), options, sp.GetRequiredService<ILogger<KubernetesSecretStore>>()));

        return services;
    }
}
