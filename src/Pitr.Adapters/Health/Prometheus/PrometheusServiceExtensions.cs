using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pitr.Adapters.Configuration;
using Pitr.Domain.Ports;

namespace Pitr.Adapters.Health.Prometheus;

internal static class PrometheusServiceExtensions
{
    /// <summary>A <c>prometheus</c> health probe for every database whose <c>Health:Probe</c> names it.</summary>
    public static IServiceCollection AddPrometheusHealth(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddHttpClient(PrometheusHealthProbe.HttpClientName);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PrometheusProbeOptions>, PrometheusProbeOptionsValidator>());
        services.AddPerDatabase<PrometheusProbeOptions, IHealthProbe>(configuration, DatabaseSections.HealthProbeKey, "prometheus", PrometheusProbeOptions.Section, (sp, options, name) =>
            new PrometheusHealthProbe(
                name,
                options,
                new PrometheusQueryClient(sp.GetRequiredService<IHttpClientFactory>().CreateClient(PrometheusHealthProbe.HttpClientName), options.Url!, options.RequestTimeout),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<PrometheusHealthProbe>>()));

        return services;
    }
}
