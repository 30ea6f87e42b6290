using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Pitr.Bot.Alerts;
using Pitr.Bot.Drills;
using Pitr.Domain.Announcements;
using Pitr.Domain.Progress;
using Pitr.Domain.Readiness;
using Pitr.Domain.Progress.Steps;
using Pitr.Domain.Recoveries;

namespace Pitr.Bot.Composition;

internal static class DomainServiceExtensions
{
    /// <summary>The recovery engine: handlers (source-generated mediator), the unit of work, the announcer, the stepper and its steps, and the rules and readiness targets from <c>Pitr:Rules</c>.</summary>
    public static IServiceCollection AddPitrDomain(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<RecoveryRules>().BindConfiguration("Pitr:Rules");
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<RecoveryRules>>().Value);
        services.AddOptions<ReadinessTargets>().BindConfiguration("Pitr:Rules");
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<ReadinessTargets>>().Value);
        services.AddSingleton<RecoveryRepository>();
        services.AddSingleton<RecoveryUnitOfWork>();
        services.AddSingleton<RecoveryAnnouncer>();
        services.AddSingleton<WorkloadRestarts>();
        services.AddSingleton<DeletionSweeper>();
        services.AddSingleton<IRecoveryStep, RestoringStep>();
        services.AddSingleton<IRecoveryStep, ValidatingStep>();
        services.AddSingleton<IRecoveryStep, AwaitingApprovalStep>();
        services.AddSingleton<IRecoveryStep, CuttingOverStep>();
        services.AddSingleton<IRecoveryStep, RestartingStep>();
        services.AddSingleton<IRecoveryStep, VerifyingStep>();
        services.AddSingleton<IRecoveryStep, RollingBackStep>();
        services.AddSingleton<IRecoveryStep, CompletedStep>();
        services.AddSingleton<RecoveryStepper>();
        services.AddAlertIntake();
        services.AddPitrDrills();
        services.AddMediator(options => options.Assemblies = [typeof(Recovery)]);
        services.AddSingleton(typeof(Mediator.IPipelineBehavior<,>), typeof(RecoveryLogScope<,>));
        return services;
    }
}
