using Microsoft.Extensions.DependencyInjection.Extensions;
using Pitr.Adapters.Drills;
using Pitr.Domain.Ports;

namespace Pitr.Bot.Drills;

internal static class DrillServiceExtensions
{
    /// <summary>Drill schedules from each database's configuration, the fleet drill and its options (<c>Pitr:Drills</c>).</summary>
    public static IServiceCollection AddPitrDrills(this IServiceCollection services)
    {
        services.AddOptions<DrillOptions>().BindConfiguration(DrillOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<IDrillSchedules>(sp => new ConfiguredDrillSchedules(sp.GetRequiredService<IConfiguration>()));
        services.AddSingleton<FleetDrills>();
        return services;
    }
}
