using Microsoft.Extensions.DependencyInjection.Extensions;
using Pitr.Adapters;
using Pitr.Adapters.Console;
using Pitr.Bot.Composition;
using Pitr.Domain.Ports;

namespace Pitr.Bot.Hosting;

/// <summary>The long-running bot: HTTP endpoints for Slack and probes, and the recovery runner.</summary>
internal static class BotHost
{
    public static WebApplication Build(string[] args, string? configFile)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Configuration.AddPitrSources(configFile);
        builder.Services.AddPitrDomain();
        builder.Services.AddPitrAdapters(builder.Configuration);
        builder.Services.AddOptions<RunnerOptions>().BindConfiguration(RunnerOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddHostedService<RecoveryRunner>();
        builder.Services.TryAddSingleton<IIncidentChannel>(new ConsoleIncidentChannel(Console.Out));

        var app = builder.Build();
        app.Services.GetRequiredService<IDatabaseCatalog>();
        app.MapGet("/healthz", () => Results.Text("ok"));
        return app;
    }
}
