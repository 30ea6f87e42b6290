using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
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
        foreach (var name in DatabaseSections.Using(configuration, DatabaseSections.RestarterKey, RestarterKind))
        {
            services.AddOptions<KubernetesWorkloadOptions>(name)
                .BindConfiguration(DatabaseSections.PathOf(name, KubernetesWorkloadOptions.Section))
                .ValidateDataAnnotations()
                .ValidateOnStart();
            services.AddKeyedSingleton<IWorkloadRestarter>(name, (sp, key) =>
            {
                var options = sp.GetRequiredService<IOptionsMonitor<KubernetesWorkloadOptions>>().Get((string)key!);
                return new KubernetesWorkloadRestarter(KubernetesClients.Create(options), options,
                    sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<KubernetesWorkloadRestarter>>());
            });
        }

        foreach (var name in DatabaseSections.Using(configuration, DatabaseSections.SecretStoreKey, SecretStoreKind))
        {
            services.AddOptions<KubernetesSecretOptions>(name)
                .BindConfiguration(DatabaseSections.PathOf(name, KubernetesSecretOptions.Section))
                .ValidateDataAnnotations()
                .ValidateOnStart();
            services.AddKeyedSingleton<ISecretStore>(name, (sp, key) =>
            {
                var options = sp.GetRequiredService<IOptionsMonitor<KubernetesSecretOptions>>().Get((string)key!);
                return new KubernetesSecretStore(KubernetesClients.Create(options), options, sp.GetRequiredService<ILogger<KubernetesSecretStore>>());
            });
        }

        return services;
    }
}
