using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pitr.Adapters.Configuration;
using Pitr.Domain.Ports;

namespace Pitr.Adapters.Local;

public static class LocalServiceExtensions
{
    public const string EngineKind = "local";
    public const string FileSecretKind = "file";
    public const string ProcessRestarterKind = "process";

    /// <summary>The local engine (<c>Engine = local</c>) with its WAL advisor, the <c>file</c> secret store and the <c>process</c> restarter.</summary>
    public static IServiceCollection AddLocalAdapters(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddHttpClient();
        services.TryAddSingleton(TimeProvider.System);
        foreach (var name in DatabaseSections.Using(configuration, DatabaseSections.EngineKey, EngineKind))
        {
            services.AddOptions<LocalEngineOptions>(name).BindConfiguration(DatabaseSections.PathOf(name, "Local")).ValidateDataAnnotations().ValidateOnStart();
            services.AddKeyedSingleton<IDatabaseRestorer>(name, (sp, _) =>
            {
                var options = sp.GetRequiredService<IOptionsMonitor<LocalEngineOptions>>().Get(name);
                return new LocalRestorer(name, options, PostgresInstallation.Find(options.BinDir, options.OsUser),
                    sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<LocalRestorer>>());
            });
            services.AddKeyedSingleton<IRecoveryPointAdvisor>(name, (sp, _) =>
            {
                var options = sp.GetRequiredService<IOptionsMonitor<LocalEngineOptions>>().Get(name);
                return new WalRecoveryPointAdvisor(name, options, PostgresInstallation.Find(options.BinDir, options.OsUser));
            });
        }

        services.AddPerDatabase<FileSecretOptions, ISecretStore>(configuration, DatabaseSections.SecretStoreKey, FileSecretKind, "Secret:File", (sp, options, _) =>
            new FileSecretStore(options, sp.GetRequiredService<ILogger<FileSecretStore>>()));
        services.AddPerDatabase<ProcessWorkloadOptions, IWorkloadRestarter>(configuration, DatabaseSections.RestarterKey, ProcessRestarterKind, "Workloads:Process", (sp, options, _) =>
            new ProcessRestarter(options, sp.GetRequiredService<IHttpClientFactory>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<ProcessRestarter>>()));

        return services;
    }
}
