using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
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
        services.AddPerDatabase<HttpHealthOptions, IHealthProbe>(configuration, DatabaseSections.HealthProbeKey, Kind, "Health:Http", (sp, options, _) =>
            new HttpHealthProbe(options, sp.GetRequiredService<IHttpClientFactory>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<HttpHealthProbe>>()));

        return services;
    }
}
