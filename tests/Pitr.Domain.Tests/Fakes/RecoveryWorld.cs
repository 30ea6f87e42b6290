using Microsoft.Extensions.Time.Testing;
using Pitr.Domain.Announcements;
using Pitr.Domain.Ports;
using Pitr.Domain.Progress;
using Pitr.Domain.Progress.Steps;
using Pitr.Domain.Readiness;
using Pitr.Domain.Recoveries;
using Pitr.Domain.Recoveries.Act;
using Pitr.Domain.Recoveries.Start;

namespace Pitr.Domain.Tests.Fakes;

/// <summary>
/// The whole engine over fake ports and a fake clock: handlers, unit of work, stepper with every step,
/// announcer, and an in-memory (or given) store. Signals deliver the thread inline, so after each
/// change the channel already shows it.
/// </summary>
/// <remarks><c>adapters</c> swaps real adapters in for some of the fakes.</remarks>
public sealed class RecoveryWorld
{
    public static readonly DateTimeOffset Now = new(2024, 5, 1, 10, 40, 0, TimeSpan.Zero);
    public static readonly Actor Alice = new("U_ALICE", "alice");
    public static readonly Actor Bob = new("U_BOB", "bob");
    public static readonly Actor Carol = new("U_CAROL", "carol");

    public const string DefaultTarget = "2024-05-01T10:32:15Z";

    public RecoveryWorld(RecoveryRules? rules = null, IRecoveryStore? store = null, FakeTimeProvider? clock = null, CallLog? log = null, DatabasePolicy? policy = null,
        Func<DatabaseBinding, DatabaseBinding>? adapters = null, IThreadLog? threads = null)
    {
        Clock = clock ?? new FakeTimeProvider(Now);
        Log = log ?? new CallLog();
        Store = store ?? new InMemoryRecoveryStore();
        Threads = threads ?? new InMemoryThreadLog();
        Rules = rules ?? new RecoveryRules();
        Restorer = new FakeRestorer(Log, new RestorableWindow(Now.AddDays(-30), Now.AddMinutes(-1)));
        Validation = new FakeValidation(Log);
        Secrets = new FakeSecrets(Log);
        Workloads = new FakeWorkloads(Log);
        Health = new FakeHealth(Log);
        Policy = policy ?? new DatabasePolicy { PollInterval = TimeSpan.FromSeconds(10), RestoreTimeout = TimeSpan.FromMinutes(30) };
        var binding = new DatabaseBinding("orders", Restorer, Validation, Secrets, Workloads, Health, Policy);
        Catalog = new FakeCatalog(adapters?.Invoke(binding) ?? binding);
        Repository = new RecoveryRepository(Store, Rules, Clock);
        Announcer = new RecoveryAnnouncer(Store, Threads, Channel, Rules, Clock);
        Signals = new RecordingSignals(Store, Announcer);
        Work = new RecoveryUnitOfWork(Repository, Signals);
        var restarts = new WorkloadRestarts(Announcer, Clock);
        IRecoveryStep[] steps =
        [
            new RestoringStep(Clock), new ValidatingStep(Clock), new AwaitingApprovalStep(), new CuttingOverStep(Clock),
            new RestartingStep(restarts, Clock), new VerifyingStep(Clock, new CheckReadinessHandler(Catalog, Store, new FakeDrillSchedules(), new ReadinessTargets(), Clock)), new RollingBackStep(restarts, Clock), new CompletedStep(Rules, Clock),
        ];
        Stepper = new RecoveryStepper(Repository, Work, Catalog, steps, new DeletionSweeper(Repository, Work, Clock));
    }

    public FakeTimeProvider Clock { get; }
    public CallLog Log { get; }
    public IRecoveryStore Store { get; }
    public IThreadLog Threads { get; }
    public RecoveryRules Rules { get; }
    public FakeRestorer Restorer { get; }
    public FakeValidation Validation { get; }
    public FakeSecrets Secrets { get; }
    public FakeWorkloads Workloads { get; }
    public FakeHealth Health { get; }
    public DatabasePolicy Policy { get; }
    public FakeCatalog Catalog { get; }
    public RecordingChannel Channel { get; } = new();
    public RecoveryRepository Repository { get; }
    public RecoveryAnnouncer Announcer { get; }
    public RecordingSignals Signals { get; }
    public RecoveryUnitOfWork Work { get; }
    public RecoveryStepper Stepper { get; }

    public StartRecoveryHandler StartHandler => new(Catalog, Store, Work, Rules, Clock);

    public ActOnRecoveryHandler ActHandler => new(Work, Store, Catalog, Clock);

    /// <summary>Parses a typed time as the edges do; the test fails when it does not parse.</summary>
    public static RecoveryTarget Target(string text)
    {
        Assert.True(RecoveryTarget.TryParse(text, out var target, out var problem), $"{text}: {problem}");
        return target;
    }

    /// <summary>Starts a recovery as an edge does: the typed time is parsed first, and a time that does not parse goes no further.</summary>
    public ValueTask<RecoveryResult> StartAsync(string? target = DefaultTarget, RecoveryMode mode = RecoveryMode.Recovery, Actor? by = null, bool autoApprove = false, string? database = null, DateTimeOffset? incidentAt = null)
    {
        RecoveryTarget? parsed = null;
        if (target is not null)
        {
            if (!RecoveryTarget.TryParse(target, out var typed, out var problem))
            {
                return ValueTask.FromResult(RecoveryResult.Refused(new InvalidTarget(target, problem)));
            }

            parsed = typed;
        }

        return StartHandler.Handle(new StartRecovery(database, parsed, by ?? Alice, "C1", mode, incidentAt, AutoApprove: autoApprove), CancellationToken.None);
    }

    public ValueTask<RecoveryResult> ActAsync(string id, RecoveryTrigger action, Actor? by = null, RecoveryState? offeredIn = null, RecoveryTarget? target = null, string? reason = null) =>
        ActHandler.Handle(new ActOnRecovery(id, new PersonAction(action, by ?? Alice, target, reason), offeredIn), CancellationToken.None);

    public ValueTask<RecoveryResult> ConfirmAsync(string id, Actor? by = null, RecoveryState? offeredIn = null) =>
        ActAsync(id, RecoveryTrigger.Confirm, by, offeredIn);

    public ValueTask<RecoveryResult> ApproveAsync(string id, Actor by, RecoveryState? offeredIn = null) =>
        ActAsync(id, RecoveryTrigger.Approve, by, offeredIn);

    public ValueTask<RecoveryResult> RejectAsync(string id, Actor by, string earlier) =>
        ActAsync(id, RecoveryTrigger.Reject, by, target: Target(earlier));

    /// <summary>Starts and confirms a recovery, returning its id.</summary>
    public async Task<string> StartConfirmedAsync(RecoveryMode mode = RecoveryMode.Recovery, bool autoApprove = false)
    {
        var started = await StartAsync(mode: mode, autoApprove: autoApprove);
        Assert.True(started.Succeeded, $"start: {started.Why}");
        var id = started.Recovery!.Id;
        var confirmed = await ConfirmAsync(id);
        Assert.True(confirmed.Succeeded, $"confirm: {confirmed.Why}");
        return id;
    }

    /// <summary>Starts and confirms a recovery and runs it to where it waits for approval.</summary>
    public async Task<string> AwaitingApprovalAsync(RecoveryMode mode = RecoveryMode.Recovery)
    {
        var id = await StartConfirmedAsync(mode);
        await RunUntilAsync(id, RecoveryState.AwaitingApproval);
        return id;
    }

    /// <summary>Runs a recovery to where it waits for approval, has Bob approve it, and runs it on to <paramref name="state"/>.</summary>
    public async Task<RecoverySnapshot> ApprovedUntilAsync(RecoveryState state)
    {
        var id = await AwaitingApprovalAsync();
        var approved = await ApproveAsync(id, Bob);
        Assert.True(approved.Succeeded, $"approve: {approved.Why}");
        return await RunUntilAsync(id, state);
    }

    public async Task<RecoverySnapshot> SnapshotAsync(string id) =>
        await Store.FindAsync(id, CancellationToken.None) ?? throw new InvalidOperationException($"no recovery {id}");

    public ValueTask<IReadOnlyList<AuditEntry>> TrailAsync(string id) => Store.GetAuditTrailAsync(id, CancellationToken.None);

    /// <summary>Steps the recovery, advancing the fake clock by each returned delay, until <paramref name="state"/> (or 200 steps).</summary>
    public async Task<RecoverySnapshot> RunUntilAsync(string id, RecoveryState state, RecoveryStepper? stepper = null)
    {
        for (var i = 0; i < 200; i++)
        {
            var current = await SnapshotAsync(id);
            if (current.State == state)
            {
                return current;
            }

            var delay = await (stepper ?? Stepper).AdvanceAsync(id, CancellationToken.None);
            Clock.Advance(delay == Timeout.InfiniteTimeSpan || delay == TimeSpan.Zero ? TimeSpan.FromSeconds(1) : delay);
        }

        var last = await SnapshotAsync(id);
        Assert.Fail($"recovery {id} never reached {state}; it is {last.State} ({last.Trouble})");
        return last;
    }
}
