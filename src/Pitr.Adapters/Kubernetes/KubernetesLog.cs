using Microsoft.Extensions.Logging;

namespace Pitr.Adapters.Kubernetes;

internal static partial class KubernetesLog
{
    [LoggerMessage(LogLevel.Information, "Restarting {Count} workloads at {Stamp}")]
    public static partial void Restarting(this ILogger logger, int count, string stamp);

    [LoggerMessage(LogLevel.Information, "{Workload} restarted at {Stamp}")]
    public static partial void Restarted(this ILogger logger, string workload, string stamp);

    [LoggerMessage(LogLevel.Information, "{Workload} already restarted at {Stamp}; following its rollout")]
    public static partial void AlreadyRestarted(this ILogger logger, string workload, string stamp);

    [LoggerMessage(LogLevel.Information, "{Workload} rolled out in {Duration}: {Detail}")]
    public static partial void RolledOut(this ILogger logger, string workload, TimeSpan duration, string detail);

    [LoggerMessage(LogLevel.Warning, "{Workload} rollout failed after {Duration}: {Detail}")]
    public static partial void RolloutFailed(this ILogger logger, string workload, TimeSpan duration, string detail);

    [LoggerMessage(LogLevel.Information, "Secret {Namespace}/{Name} now points at {Endpoint} (was {Previous})")]
    public static partial void SecretPointed(this ILogger logger, string @namespace, string name, string endpoint, string previous);

    [LoggerMessage(LogLevel.Information, "Secret {Namespace}/{Name} points at {Endpoint} again")]
    public static partial void SecretReverted(this ILogger logger, string @namespace, string name, string endpoint);
}
