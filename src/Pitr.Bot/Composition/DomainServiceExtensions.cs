using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Pitr.Bot.Alerts;
using Pitr.Domain.Progress;
using Pitr.Domain.Recoveries;

namespace Pitr.Bot.Composition;

internal static class DomainServiceExtensions
{
    /// <summary>The recovery engine: handlers (source-generated mediator), repository, announcer, stepper and the rules from <c>Pitr:Rules</c>.</summary>
    public static IServiceCollection AddPitrDomain(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<RecoveryRules>().BindConfiguration("Pitr:Rules");
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<RecoveryRules>>().Value);
        services.AddSingleton<RecoveryRepository>();
        services.AddSingleton<RecoveryAnnouncer>();
        services.AddSingleton<PersonActions>();
        services.AddSingleton<RecoveryStepper>();
        services.AddAlertIntake();
        services.AddMediator(options => options.Assemblies = [typeof(Recovery)]);
        return services;
    }
}
