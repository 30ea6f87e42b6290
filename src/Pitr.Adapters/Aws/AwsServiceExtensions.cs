using Amazon;
using Amazon.Runtime.Signing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Pitr.Adapters.Aws.CloudWatch;
using Pitr.Adapters.Aws.Logs;
using Pitr.Adapters.Aws.Rds;
using Pitr.Adapters.Aws.SecretsManager;
using Pitr.Adapters.Configuration;
using Pitr.Domain.Ports;

namespace Pitr.Adapters.Aws;

public static class AwsServiceExtensions
{
    public const string ClusterEngine = "rds-cluster";
    public const string InstanceEngine = "rds-instance";
    public const string SecretsManagerStore = "aws-secretsmanager";
    public const string AlarmProbe = "cloudwatch";

    /// <summary>The <c>rds-cluster</c> and <c>rds-instance</c> engines, the <c>aws-secretsmanager</c> store and the <c>cloudwatch</c> health probe, for the databases that name them.</summary>
    public static IServiceCollection AddAwsAdapters(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<AwsCredentialsSource>();

        foreach (var name in DatabaseSections.Using(configuration, DatabaseSections.EngineKey, ClusterEngine))
        {
            AddRds(services, configuration, name, (rds, options) => new RdsClusterRestorer(rds, options));
            AddLogAdvisor(services, name, cluster: true);
        }

        foreach (var name in DatabaseSections.Using(configuration, DatabaseSections.EngineKey, InstanceEngine))
        {
            AddRds(services, configuration, name, (rds, options) => new RdsInstanceRestorer(rds, options));
            AddLogAdvisor(services, name, cluster: false);
        }

        foreach (var name in DatabaseSections.Using(configuration, DatabaseSections.SecretStoreKey, SecretsManagerStore))
        {
            var engine = configuration[DatabaseSections.PathOf(name, DatabaseSections.EngineKey)];
            AddAwsOptions<SecretsManagerOptions>(services, configuration, name, SecretsManagerOptions.Section, options =>
            {
                if (string.IsNullOrWhiteSpace(options.IdentifierField))
                {
                    options.IdentifierField = SecretsManagerOptions.IdentifierFieldFor(engine);
                }
            });
            var client = AddSignedClient<SecretsManagerOptions>(services, name, AwsService.SecretsManager);
            services.AddKeyedSingleton<ISecretStore>(name, (sp, _) =>
            {
                var options = sp.GetRequiredService<IOptionsMonitor<SecretsManagerOptions>>().Get(name);
                return new SecretsManagerSecretStore(
                    new SecretsManagerClient(Transport(sp, client, options, AwsService.SecretsManager, SecretsManagerClient.ParseFault)), options);
            });
        }

        foreach (var name in DatabaseSections.Using(configuration, DatabaseSections.HealthProbeKey, AlarmProbe))
        {
            AddAwsOptions<CloudWatchProbeOptions>(services, configuration, name, CloudWatchProbeOptions.Section);
            var client = AddSignedClient<CloudWatchProbeOptions>(services, name, AwsService.CloudWatch);
            services.AddKeyedSingleton<IHealthProbe>(name, (sp, _) =>
            {
                var options = sp.GetRequiredService<IOptionsMonitor<CloudWatchProbeOptions>>().Get(name);
                var alarms = new CloudWatchAlarmsClient(Transport(sp, client, options, AwsService.CloudWatch, RdsClient.ParseFault));
                return new CloudWatchAlarmProbe(alarms, options, sp.GetRequiredService<TimeProvider>());
            });
        }

        return services;
    }

    private static void AddRds(IServiceCollection services, IConfiguration configuration, string name, Func<RdsClient, RdsOptions, IDatabaseRestorer> engine)
    {
        AddAwsOptions<RdsOptions>(services, configuration, name, RdsOptions.Section);
        var client = AddSignedClient<RdsOptions>(services, name, AwsService.Rds);
        services.AddKeyedSingleton(name, (sp, _) =>
        {
            var options = sp.GetRequiredService<IOptionsMonitor<RdsOptions>>().Get(name);
            return engine(new RdsClient(Transport(sp, client, options, AwsService.Rds, RdsClient.ParseFault)), options);
        });
    }

    /// <summary>Suggestions from the source's PostgreSQL log in CloudWatch Logs, in the RDS options' region.</summary>
    private static void AddLogAdvisor(IServiceCollection services, string name, bool cluster)
    {
        var client = AddSignedClient<RdsOptions>(services, name, AwsService.Logs);
        services.AddKeyedSingleton<IRecoveryPointAdvisor>(name, (sp, _) =>
        {
            var options = sp.GetRequiredService<IOptionsMonitor<RdsOptions>>().Get(name);
            var logs = new CloudWatchLogsClient(Transport(sp, client, options, AwsService.Logs, SecretsManagerClient.ParseFault));
            return new CloudWatchRecoveryPointAdvisor(logs, options, cluster, sp.GetRequiredService<TimeProvider>());
        });
    }

    /// <summary>Options of one AWS adapter for one database; the region, unless the section sets it, as AWS SDKs find it.</summary>
    private static void AddAwsOptions<TOptions>(IServiceCollection services, IConfiguration configuration, string name, string section, Action<TOptions>? complete = null)
        where TOptions : AwsClientOptions =>
        services.AddValidatedOptions<TOptions>(name, section).PostConfigure(options =>
        {
            if (string.IsNullOrWhiteSpace(options.Region))
            {
                options.Region = AwsRegions.Fallback(configuration, name) ?? "";
            }

            complete?.Invoke(options);
        });

    /// <summary>A named client whose handler signs every request for the service, in the database's region.</summary>
    private static string AddSignedClient<TOptions>(IServiceCollection services, string database, AwsService service)
        where TOptions : AwsClientOptions
    {
        var clientName = $"pitr-aws-{service.SigningName}-{database}";
        services.AddHttpClient(clientName).ConfigurePrimaryHttpMessageHandler(sp =>
        {
            var options = sp.GetRequiredService<IOptionsMonitor<TOptions>>().Get(database);
            return new SigV4SigningHandler(
                sp.GetRequiredService<AwsCredentialsSource>().Credentials,
                RegionEndpoint.GetBySystemName(options.Region),
                service.SigningName,
                new SocketsHttpHandler { AllowAutoRedirect = false });
        });
        return clientName;
    }

    private static AwsTransport Transport(IServiceProvider sp, string clientName, AwsClientOptions options, AwsService service, Func<System.Net.HttpStatusCode, string, AwsFault> parseFault) =>
        new(sp.GetRequiredService<IHttpClientFactory>(), clientName, options, service, parseFault,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILoggerFactory>()?.CreateLogger<AwsTransport>() ?? NullLogger<AwsTransport>.Instance);
}
