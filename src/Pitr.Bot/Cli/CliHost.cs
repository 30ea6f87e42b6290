using Pitr.Adapters;
using Pitr.Bot.Composition;
using Pitr.Bot.Hosting;
using Pitr.Domain.Ports;

namespace Pitr.Bot.Cli;

/// <summary>The engine without the web front end, for the CLI verbs: same handlers and stepper, the console as incident channel.</summary>
internal static class CliHost
{
    /// <param name="json">When the verb prints JSON, the thread goes to standard error so standard output stays parseable.</param>
    public static IHost Build(string? configFile, bool json, Action<IConfigurationBuilder>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddPitrSources(configFile);
        configure?.Invoke(builder.Configuration);
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).AddFilter(level => level >= LogLevel.Warning);
        builder.Services.AddPitrDomain();
        builder.Services.AddPitrAdapters(builder.Configuration);
        builder.Services.AddConsoleThread(json ? Console.Error : Console.Out);
        var host = builder.Build();
        host.Services.GetRequiredService<IDatabaseCatalog>();
        host.Services.GetRequiredService<IDrillSchedules>();
        return host;
    }
}
