using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Pitr.Adapters.Configuration;
using Pitr.Domain.Ports;

namespace Pitr.Adapters.None;

internal static class NoneServiceExtensions
{
    /// <summary>Databases that leave <c>Workloads:Restarter</c> or <c>Health:Probe</c> unset, or set them to <c>none</c>.</summary>
    public static IServiceCollection AddNoneAdapters(this IServiceCollection services, IConfiguration configuration)
    {
        foreach (var name in DatabaseSections.Names(configuration))
        {
            if (IsNone(configuration[DatabaseSections.PathOf(name, DatabaseSections.RestarterKey)]))
            {
                services.AddKeyedSingleton<IWorkloadRestarter, NoWorkloads>(name);
            }

            if (IsNone(configuration[DatabaseSections.PathOf(name, DatabaseSections.HealthProbeKey)]))
            {
                services.AddKeyedSingleton<IHealthProbe, NoHealthProbe>(name);
            }
        }

        return services;
    }

    private static bool IsNone(string? kind) => string.IsNullOrEmpty(kind) || kind.Equals("none", StringComparison.OrdinalIgnoreCase);
}
