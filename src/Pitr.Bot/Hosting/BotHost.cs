using Microsoft.Extensions.DependencyInjection.Extensions;
using Pitr.Adapters;
using Pitr.Adapters.Console;
using Pitr.Bot.Alerts;
using Pitr.Bot.Composition;
using Pitr.Bot.Drills;
using Pitr.Bot.Observability;
using Pitr.Bot.Slack;
using Pitr.Domain.Ports;

namespace Pitr.Bot.Hosting;

/// <summary>The long-running bot: HTTP endpoints for Slack and probes, the recovery runner, the thread dispatcher and the drill scheduler.</summary>
internal static class BotHost
{
    /// <param name="configure">Last changes before the host is built (tests replace adapters with fakes here).</param>
    public static WebApplication Build(string[] args, string? configFile, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Configuration.AddPitrSources(configFile);
        builder.AddPitrObservability();
        builder.Services.AddPitrDomain();
        builder.Services.AddPitrAdapters(builder.Configuration);
        builder.Services.AddOptions<RunnerOptions>().BindConfiguration(RunnerOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<RecoveryWakeups>();
        builder.Services.AddSingleton<IRecoverySignals>(sp => sp.GetRequiredService<RecoveryWakeups>());
        builder.Services.AddHostedService<RecoveryRunner>();
        builder.Services.AddHostedService<ThreadDispatcher>();
        builder.Services.AddHostedService<DrillScheduler>();
        builder.Services.AddSingleton<ThreadBacklogs>();
        builder.Services.AddHealthChecks().AddCheck<ThreadDispatcherHealthCheck>("thread", tags: [ObservabilityExtensions.Ready]);
        builder.Services.AddSlackEndpoints(builder.Configuration);
        builder.Services.TryAddSingleton<IIncidentChannel>(new ConsoleIncidentChannel(Console.Out));
        configure?.Invoke(builder);

        var app = builder.Build();
        app.Services.GetRequiredService<IDatabaseCatalog>();
        app.Services.GetRequiredService<IDrillSchedules>();
        app.MapPitrProbes();
        app.MapSlackEndpoints();
        app.MapAlertEndpoints();
        return app;
    }
}
