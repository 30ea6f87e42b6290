using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pitr.Adapters.Configuration;
using Pitr.Domain.Ports;

namespace Pitr.Adapters.Postgres;

public static class PostgresValidationServiceExtensions
{
    /// <summary>The Npgsql validation runner, for every configured database whatever its engine (<c>Validation</c> section), and the drills' marker proof where a writer connection is configured (<c>Drills:MarkerConnection</c>).</summary>
    public static IServiceCollection AddPostgresValidation(this IServiceCollection services, IConfiguration configuration)
    {
        foreach (var name in DatabaseSections.Names(configuration))
        {
            services.AddOptions<ValidationOptions>(name).BindConfiguration(DatabaseSections.PathOf(name, "Validation")).ValidateDataAnnotations().ValidateOnStart();
            services.AddKeyedSingleton<IValidationRunner>(name, (sp, _) => new NpgsqlValidationRunner(
                sp.GetRequiredService<IOptionsMonitor<ValidationOptions>>().Get(name), sp.GetRequiredService<ILogger<NpgsqlValidationRunner>>()));

            // Marker proof only where a writer connection is configured; the catalog finds none elsewhere.
            services.AddValidatedOptions<MarkerProofOptions>(name, "Drills");
            if (!string.IsNullOrWhiteSpace(configuration[DatabaseSections.PathOf(name, "Drills:MarkerConnection")]))
            {
                services.AddKeyedSingleton<IMarkerProof>(name, (sp, _) => new NpgsqlMarkerProof(
                    sp.GetRequiredService<IOptionsMonitor<MarkerProofOptions>>().Get(name),
                    sp.GetRequiredService<IOptionsMonitor<ValidationOptions>>().Get(name).Endpoint,
                    sp.GetRequiredService<ILogger<NpgsqlMarkerProof>>()));
            }
        }

        return services;
    }
}
