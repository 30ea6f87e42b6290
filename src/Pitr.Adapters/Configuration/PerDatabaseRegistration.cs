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
            services.AddValidatedOptions<TOptions>(name, section);
            services.AddKeyedSingleton<TPort>(name, (sp, _) => create(sp, sp.GetRequiredService<IOptionsMonitor<TOptions>>().Get(name), name));
        }

        return services;
    }

    /// <summary>One database's options bound from <c>Pitr:Databases:&lt;name&gt;:<paramref name="section"/></c>, validated at start with failures named by full key.</summary>
    public static OptionsBuilder<TOptions> AddValidatedOptions<TOptions>(this IServiceCollection services, string database, string section)
        where TOptions : class
    {
        var path = DatabaseSections.PathOf(database, section);
        services.AddSingleton<IValidateOptions<TOptions>>(new FullKeyValidation<TOptions>(database, path));
        return services.AddOptions<TOptions>(database).BindConfiguration(path).ValidateOnStart();
    }
}
