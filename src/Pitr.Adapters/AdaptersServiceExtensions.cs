using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Pitr.Adapters.Aws;
using Pitr.Adapters.Configuration;
using Pitr.Adapters.Health.Http;
using Pitr.Adapters.Health.Prometheus;
using Pitr.Adapters.Kubernetes;
using Pitr.Adapters.Local;
using Pitr.Adapters.None;
using Pitr.Adapters.Postgres;
using Pitr.Adapters.Storage;
using Pitr.Domain.Ports;

namespace Pitr.Adapters;

public static class AdaptersServiceExtensions
{
    /// <summary>Every adapter, each registered for the databases whose configuration names it.</summary>
    public static IServiceCollection AddPitrAdapters(this IServiceCollection services, IConfiguration configuration)
    {
        foreach (var name in DatabaseSections.Names(configuration))
        {
            services.AddOptions<DatabasePolicy>(name).BindConfiguration(DatabaseSections.PathOf(name, "Policy"));
        }

        services.AddSingleton<IDatabaseCatalog, DatabaseCatalog>();
        services.AddRecoveryStore(configuration);
        services.AddNoneAdapters(configuration);
        services.AddAwsAdapters(configuration);
        services.AddKubernetesAdapters(configuration);
        services.AddPrometheusHealth(configuration);
        services.AddLocalAdapters(configuration);
        services.AddPostgresValidation(configuration);
        services.AddHttpHealthProbe(configuration);
        return services;
    }
}
