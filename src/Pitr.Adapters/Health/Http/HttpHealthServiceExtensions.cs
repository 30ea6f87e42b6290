using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pitr.Adapters.Configuration;
using Pitr.Domain.Ports;

namespace Pitr.Adapters.Health.Http;

public static class HttpHealthServiceExtensions
{
    public const string Kind = "http";

    /// <summary>The plain HTTP health probe for databases with <c>Health:Probe = http</c>.</summary>
    public static IServiceCollection AddHttpHealthProbe(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddHttpClient();
        services.TryAddSingleton(TimeProvider.System);
        foreach (var name in DatabaseSections.Using(configuration, DatabaseSections.HealthProbeKey, Kind))
        {
            services.AddOptions<HttpHealthOptions>(name).BindConfiguration(DatabaseSections.PathOf(name, "Health:Http")).ValidateDataAnnotations().ValidateOnStart();
            services.AddKeyedSingleton<IHealthProbe>(name, (sp, _) => new HttpHealthProbe(
                sp.GetRequiredService<IOptionsMonitor<HttpHealthOptions>>().Get(name), sp.GetRequiredService<IHttpClientFactory>(),
                sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<HttpHealthProbe>>()));
        }

        return services;
    }
}
