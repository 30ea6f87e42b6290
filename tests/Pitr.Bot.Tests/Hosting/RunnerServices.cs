using Microsoft.Extensions.DependencyInjection;
using Pitr.Bot.Hosting;
using Pitr.Domain.Ports;

namespace Pitr.Bot.Tests.Hosting;

/// <summary>The background half of <c>pitr serve</c>, registered as <see cref="BotHost"/> registers it.</summary>
internal static class RunnerServices
{
    /// <summary>
    /// The wake-ups every saved change sends, the runner that steps open recoveries and the dispatcher that
    /// tells their threads. Without the wake-ups nothing could save a change (the unit of work signals each one).
    /// </summary>
    public static IServiceCollection AddRecoveryRunnerAsBotHostDoes(this IServiceCollection services)
    {
        services.AddOptions<RunnerOptions>().BindConfiguration(RunnerOptions.Section);
        services.AddRecoveryWakeupsAsBotHostDoes();
        services.AddHostedService<RecoveryRunner>();
        services.AddHostedService<ThreadDispatcher>();
        services.AddSingleton<ThreadBacklogs>();
        return services;
    }

    /// <summary>
    /// Only the wake-ups: the domain's unit of work needs an <see cref="IRecoverySignals"/>, and the source-generated
    /// mediator resolves every handler on its first use, so a host without one cannot send any command at all.
    /// </summary>
    public static IServiceCollection AddRecoveryWakeupsAsBotHostDoes(this IServiceCollection services)
    {
        services.AddSingleton<RecoveryWakeups>();
        services.AddSingleton<IRecoverySignals>(sp => sp.GetRequiredService<RecoveryWakeups>());
        return services;
    }
}
