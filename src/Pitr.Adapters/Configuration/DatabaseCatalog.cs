using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Pitr.Domain.Ports;

namespace Pitr.Adapters.Configuration;

/// <summary>
/// Binds each configured database to the adapters its configuration names. Every adapter registers
/// itself as a keyed service under the database's name; a database whose kind no adapter claimed
/// is a configuration error, reported at start-up.
/// </summary>
internal sealed class DatabaseCatalog : IDatabaseCatalog
{
    private readonly Dictionary<string, DatabaseBinding> bindings;

    public DatabaseCatalog(IServiceProvider services, IConfiguration configuration, IOptionsMonitor<DatabasePolicy> policies)
    {
        var names = DatabaseSections.Names(configuration).ToList();
        if (names.Count == 0)
        {
            throw new OptionsValidationException(DatabaseSections.Root, typeof(DatabasePolicy),
                [$"No database is configured. Add at least one under {DatabaseSections.Root}:<name> with an Engine (local, rds-cluster or rds-instance)."]);
        }

        // Every database and every adapter is resolved before anything is refused, so one start says every mistake.
        var failures = new List<string>();
        T? Collect<T>(Func<T?> resolve)
            where T : class
        {
            try
            {
                return resolve();
            }
            catch (OptionsValidationException e)
            {
                failures.AddRange(e.Failures);
                return null;
            }
        }

        bindings = names.ToDictionary(name => name, name => new DatabaseBinding(
            name,
            Collect(() => Resolve<IDatabaseRestorer>(services, configuration, name, DatabaseSections.EngineKey))!,
            Collect(() => services.GetRequiredKeyedService<IValidationRunner>(name))!,
            Collect(() => Resolve<ISecretStore>(services, configuration, name, DatabaseSections.SecretStoreKey))!,
            Collect(() => Resolve<IWorkloadRestarter>(services, configuration, name, DatabaseSections.RestarterKey))!,
            Collect(() => Resolve<IHealthProbe>(services, configuration, name, DatabaseSections.HealthProbeKey))!,
            Collect(() => policies.Get(name))!,
            Collect(() => services.GetKeyedService<IRecoveryPointAdvisor>(name)),
            Collect(() => services.GetKeyedService<IMarkerProof>(name))), StringComparer.OrdinalIgnoreCase);
        if (failures.Count > 0)
        {
            // Two adapters built on the same options report the same mistake: say it once.
            throw new OptionsValidationException(DatabaseSections.Root, typeof(DatabasePolicy), failures.Distinct(StringComparer.Ordinal));
        }

        DefaultDatabase = configuration["Pitr:DefaultDatabase"] ?? names[0];
        if (!bindings.ContainsKey(DefaultDatabase))
        {
            throw new OptionsValidationException("Pitr:DefaultDatabase", typeof(DatabasePolicy),
                [$"Pitr:DefaultDatabase names '{DefaultDatabase}', which is not configured. Configured: {string.Join(", ", names)}."]);
        }
    }

    public string DefaultDatabase { get; }

    public IReadOnlyCollection<string> Names => bindings.Keys;

    public DatabaseBinding? Find(string name) => bindings.GetValueOrDefault(name);

    private static T Resolve<T>(IServiceProvider services, IConfiguration configuration, string database, string key)
        where T : class =>
        services.GetKeyedService<T>(database) ?? throw new OptionsValidationException(
            DatabaseSections.PathOf(database, key), typeof(T),
            [$"{DatabaseSections.PathOf(database, key)} is '{configuration[DatabaseSections.PathOf(database, key)] ?? "(unset)"}', which no adapter provides; use {DatabaseSections.Kinds[key]}."]);
}
