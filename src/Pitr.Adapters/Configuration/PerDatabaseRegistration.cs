using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Pitr.Adapters.Configuration;

public static class PerDatabaseRegistration
{
    /// <summary>
    /// For every database whose <paramref name="key"/> names <paramref name="kind"/>: its options, bound from
    /// <c>Pitr:Databases:&lt;name&gt;:<paramref name="section"/></c> and validated at start, and the port built
    /// from them, registered under the database's name.
    /// </summary>
    public static IServiceCollection AddPerDatabase<TOptions, TPort>(
        this IServiceCollection services, IConfiguration configuration, string key, string kind, string section,
        Func<IServiceProvider, TOptions, string, TPort> create)
        where TOptions : class
        where TPort : class
    {
        foreach (var name in DatabaseSections.Using(configuration, key, kind))
        {
            services.AddOptions<TOptions>(name).BindConfiguration(DatabaseSections.PathOf(name, section)).ValidateDataAnnotations().ValidateOnStart();
            services.AddKeyedSingleton<TPort>(name, (sp, _) => create(sp, sp.GetRequiredService<IOptionsMonitor<TOptions>>().Get(name), name));
        }

        return services;
    }
}
