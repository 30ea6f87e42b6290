using Microsoft.Extensions.Configuration;

namespace Pitr.Adapters.Configuration;

/// <summary>Finds the configured databases (<c>Pitr:Databases:&lt;name&gt;</c>) and which adapter each one uses.</summary>
public static class DatabaseSections
{
    public const string Root = "Pitr:Databases";

    public const string EngineKey = "Engine";
    public const string SecretStoreKey = "Secret:Store";
    public const string RestarterKey = "Workloads:Restarter";
    public const string HealthProbeKey = "Health:Probe";

    /// <summary>The kinds each adapter key accepts, for messages that say what to write.</summary>
    public static readonly IReadOnlyDictionary<string, string> Kinds = new Dictionary<string, string>
    {
        [EngineKey] = "local, rds-cluster or rds-instance",
        [SecretStoreKey] = "file, aws-secretsmanager or kubernetes-secret",
        [RestarterKey] = "none, process or kubernetes",
        [HealthProbeKey] = "none, http, prometheus or cloudwatch",
    };

    public static IEnumerable<string> Names(IConfiguration configuration) =>
        configuration.GetSection(Root).GetChildren().Select(c => c.Key);

    public static string PathOf(string database, string relative = "") =>
        relative.Length == 0 ? $"{Root}:{database}" : $"{Root}:{database}:{relative}";

    /// <summary>The databases whose <paramref name="key"/> names <paramref name="kind"/>, e.g. every database with <c>Engine = local</c>.</summary>
    public static IEnumerable<string> Using(IConfiguration configuration, string key, string kind) =>
        Names(configuration).Where(name =>
            string.Equals(configuration[PathOf(name, key)], kind, StringComparison.OrdinalIgnoreCase));
}
