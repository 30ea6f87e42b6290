using Pitr.Adapters;
using Pitr.Bot.Cli;
using Pitr.Bot.Composition;
using Pitr.Domain.Ports;

namespace Pitr.Bot.Demo;

/// <summary>The CLI's engine over the demo's configuration alone, so nothing configured on this machine can interfere with it.</summary>
internal static class DemoHost
{
    public static IHost Build(IReadOnlyDictionary<string, string?> configuration, TextWriter thread)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(configuration);
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).AddFilter(level => level >= LogLevel.Warning);
        builder.Services.AddPitrDomain();
        builder.Services.AddPitrAdapters(builder.Configuration);
        builder.Services.AddConsoleThread(thread);
        var host = builder.Build();
        host.Services.GetRequiredService<IDatabaseCatalog>();
        return host;
    }
}
