using Pitr.Domain.Announcements;
using Pitr.Domain.Ports;
using Pitr.Domain.Progress;
using Pitr.Domain.Progress.Steps;
using Pitr.Domain.Readiness;
using Pitr.Domain.Recoveries;
using Pitr.Domain.Recoveries.Act;
using Pitr.Domain.Recoveries.Start;
using Pitr.Domain.Tests.Fakes;

namespace Pitr.Adapters.Tests.Support;

/// <summary>
/// The recovery engine wired by hand as <c>AddPitrDomain</c> wires it (unit of work, announcer, stepper
/// with every step), over the stores, channel and catalog a test gives. Every saved change is told in
/// the channel inline, as the CLI does, so after each call the channel already shows it.
/// </summary>
internal sealed class WiredEngine
{
    public WiredEngine(IRecoveryStore store, IThreadLog threads, IIncidentChannel channel, IDatabaseCatalog catalog, RecoveryRules rules, TimeProvider clock)
    {
        Store = store;
        Catalog = catalog;
        Repository = new RecoveryRepository(store, rules, clock);
        Announcer = new RecoveryAnnouncer(store, threads, channel, rules, clock);
        Work = new RecoveryUnitOfWork(Repository, new InlineAnnouncements(Announcer));
        var restarts = new WorkloadRestarts(Announcer, clock);
        IRecoveryStep[] steps =
        [
            new RestoringStep(clock), new ValidatingStep(clock), new AwaitingApprovalStep(), new CuttingOverStep(clock),
            new RestartingStep(restarts, clock), new VerifyingStep(clock, new CheckReadinessHandler(catalog, store, new FakeDrillSchedules(), new ReadinessTargets(), clock)), new RollingBackStep(restarts, clock), new CompletedStep(rules, clock),
        ];
        Stepper = new RecoveryStepper(Repository, Work, catalog, steps, new DeletionSweeper(Repository, Work, clock));
        Start = new StartRecoveryHandler(catalog, store, Work, rules, clock);
        Act = new ActOnRecoveryHandler(Work, store, catalog, clock);
    }

    public IRecoveryStore Store { get; }

    public IDatabaseCatalog Catalog { get; }

    public RecoveryRepository Repository { get; }

    public RecoveryAnnouncer Announcer { get; }

    public RecoveryUnitOfWork Work { get; }

    public RecoveryStepper Stepper { get; }

    public StartRecoveryHandler Start { get; }

    public ActOnRecoveryHandler Act { get; }

    public ValueTask<RecoveryResult> ActAsync(string id, RecoveryTrigger action, Actor by, CancellationToken cancellationToken) =>
        Act.Handle(new ActOnRecovery(id, new PersonAction(action, by)), cancellationToken);

    /// <summary>Tells the channel what each saved change brought, before the caller goes on.</summary>
    private sealed class InlineAnnouncements(RecoveryAnnouncer announcer) : IRecoverySignals
    {
        public async ValueTask ChangedAsync(string recoveryId, CancellationToken cancellationToken) => await announcer.DeliverAsync(recoveryId, cancellationToken);
    }
}

/// <summary>A catalog of one database.</summary>
internal sealed class SingleDatabase(DatabaseBinding binding) : IDatabaseCatalog
{
    public string DefaultDatabase => binding.Name;

    public IReadOnlyCollection<string> Names => [binding.Name];

    public DatabaseBinding? Find(string name) => name == binding.Name ? binding : null;
}
