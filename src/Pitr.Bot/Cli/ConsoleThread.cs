using Microsoft.Extensions.DependencyInjection.Extensions;
using Pitr.Adapters.Console;
using Pitr.Domain.Announcements;
using Pitr.Domain.Ports;

namespace Pitr.Bot.Cli;

/// <summary>In a terminal there is no background dispatcher: every saved change is told on the console before the verb goes on.</summary>
internal sealed class InlineAnnouncements(RecoveryAnnouncer announcer) : IRecoverySignals
{
    public async ValueTask ChangedAsync(string recoveryId, CancellationToken cancellationToken) => await announcer.DeliverAsync(recoveryId, cancellationToken);
}

internal static class ConsoleThreadExtensions
{
    /// <summary>The console as the incident channel, told inline after every change.</summary>
    public static IServiceCollection AddConsoleThread(this IServiceCollection services, TextWriter output)
    {
        services.TryAddSingleton<IIncidentChannel>(new ConsoleIncidentChannel(output));
        services.TryAddSingleton<IRecoverySignals, InlineAnnouncements>();
        return services;
    }
}
