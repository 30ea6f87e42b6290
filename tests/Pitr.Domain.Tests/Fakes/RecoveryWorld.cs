using Microsoft.Extensions.Time.Testing;
using Pitr.Domain.Ports;
using Pitr.Domain.Progress;
using Pitr.Domain.Recoveries;
using Pitr.Domain.Recoveries.Approve;
using Pitr.Domain.Recoveries.Confirm;
using Pitr.Domain.Recoveries.Reject;
using Pitr.Domain.Recoveries.Start;

namespace Pitr.Domain.Tests.Fakes;

/// <summary>The whole engine over fake ports and a fake clock: handlers, stepper and an in-memory (or given) store.</summary>
/// <remarks><c>adapters</c> swaps real adapters in for some of the fakes.</remarks>
public sealed class RecoveryWorld
{
    public static readonly DateTimeOffset Now = new(2024, 5, 1, 10, 40, 0, TimeSpan.Zero);
    public static readonly Actor Alice = new("U_ALICE", "alice");
    public static readonly Actor Bob = new("U_BOB", "bob");
    public static readonly Actor Carol = new("U_CAROL", "carol");

    public RecoveryWorld(RecoveryRules? rules = null, IRecoveryStore? store = null, FakeTimeProvider? clock = null, CallLog? log = null, DatabasePolicy? policy = null,
        Func<DatabaseBinding, DatabaseBinding>? adapters = null)
    {
        Clock = clock ?? new FakeTimeProvider(Now);
        Log = log ?? new CallLog();
        Store = store ?? new InMemoryRecoveryStore();
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
        Announcer = new RecoveryAnnouncer(Channel, Store, Repository, Clock);
        Actions = new PersonActions(Repository, Announcer, Store, Clock);
        Stepper = new RecoveryStepper(Repository, Announcer, Catalog, Channel, Rules, Clock);
    }

    public FakeTimeProvider Clock { get; }
    public CallLog Log { get; }
    public IRecoveryStore Store { get; }
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
    public PersonActions Actions { get; }
    public RecoveryStepper Stepper { get; }

    public StartRecoveryHandler StartHandler => new(Catalog, Store, Repository, Announcer, Rules, Clock);

    public ValueTask<CommandResult> StartAsync(string? target = "2024-05-01T10:32:15Z", RecoveryMode mode = RecoveryMode.Recovery, Actor? by = null, bool autoApprove = false) =>
        StartHandler.Handle(new StartRecovery(null, target, by ?? Alice, "C1", mode, AutoApprove: autoApprove), CancellationToken.None);

    public ValueTask<CommandResult> ConfirmAsync(string id, Actor? by = null, string? offeredIn = null) =>
        new ConfirmRecoveryHandler(Actions).Handle(new ConfirmRecovery(id, by ?? Alice, offeredIn), CancellationToken.None);

    public ValueTask<CommandResult> ApproveAsync(string id, Actor by, string? offeredIn = null) =>
        new ApproveCutoverHandler(Actions).Handle(new ApproveCutover(id, by, offeredIn), CancellationToken.None);

    public ValueTask<CommandResult> RejectAsync(string id, Actor by, string earlier) =>
        new RejectValidationHandler(Actions, Repository, Catalog, Clock).Handle(new RejectValidation(id, by, earlier), CancellationToken.None);

    /// <summary>Starts and confirms a recovery, returning its id.</summary>
    public async Task<string> StartConfirmedAsync(RecoveryMode mode = RecoveryMode.Recovery, bool autoApprove = false)
    {
        var started = await StartAsync(mode: mode, autoApprove: autoApprove);
        Assert.True(started.Succeeded, started.Message);
        var id = started.Recovery!.Id;
        var confirmed = await ConfirmAsync(id);
        Assert.True(confirmed.Succeeded, confirmed.Message);
        return id;
    }

    public async Task<RecoverySnapshot> SnapshotAsync(string id) =>
        await Store.FindAsync(id, CancellationToken.None) ?? throw new InvalidOperationException($"no recovery {id}");

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
        Assert.Fail($"recovery {id} never reached {state}; it is {last.State} ({last.Problem})");
        return last;
    }
}
