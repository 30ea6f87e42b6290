using Microsoft.Extensions.Logging.Abstractions;
using Pitr.Adapters.Health.Prometheus;
using Pitr.Adapters.Presentation;
using Pitr.Adapters.Storage;
using Pitr.Adapters.Storage.Sqlite;
using Pitr.Adapters.Tests.Support;
using Pitr.Domain.Ports;
using Pitr.Domain.Progress;
using Pitr.Domain.Recoveries;
using Pitr.Domain.Recoveries.Events;

namespace Pitr.Adapters.Tests.Health;

/// <summary>
/// The recovery engine's health gate with the real Prometheus probe: a cut-over recovery in
/// Verifying completes when its service turns healthy, and otherwise ends offering (or performing)
/// a rollback that names the failing query.
/// </summary>
public sealed class HealthGateTests(PrometheusServer prometheus) : IClassFixture<PrometheusServer>, IDisposable
{
    private static readonly Actor Alice = new("U_ALICE", "alice");
    private static readonly Actor Bob = new("U_BOB", "bob");
    private readonly string storePath = Path.Combine(Path.GetTempPath(), $"pitr-gate-{Guid.NewGuid():N}.db");
    private readonly HttpClient http = new();
    private readonly ThreadRecorder channel = new();
    private readonly CutoverPorts ports = new();

    public void Dispose()
    {
        http.Dispose();
        foreach (var file in Directory.GetFiles(Path.GetTempPath(), Path.GetFileName(storePath) + "*"))
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Recovery_completes_when_its_service_turns_healthy()
    {
        prometheus.Metrics.Set("gate-recovering", 0.3);
        var (stepper, store, id) = await VerifyingRecoveryAsync("gate-recovering", new RecoveryRules(), TimeSpan.FromSeconds(60));
        _ = Task.Run(async () =>
        {
            while (prometheus.Metrics.ScrapesOf("gate-recovering") < 3)
            {
                await Task.Delay(100, TestContext.Current.CancellationToken);
            }

            prometheus.Metrics.Set("gate-recovering", 0.0);
        }, TestContext.Current.CancellationToken);

        var recovery = await RunUntilSettledAsync(stepper, store, id);

        Assert.Equal(RecoveryState.Completed, recovery.State);
        Assert.True(recovery.Health!.Healthy);
        Assert.Equal("0", Assert.Single(recovery.Health.Checks).Observed);
        Assert.Empty(ports.Reverted);
    }

    [Fact]
    public async Task Recovery_that_stays_unhealthy_past_the_timeout_offers_a_rollback_naming_the_failing_query()
    {
        prometheus.Metrics.Set("gate-broken", 0.4);
        var (stepper, store, id) = await VerifyingRecoveryAsync("gate-broken", new RecoveryRules(), TimeSpan.FromSeconds(3));

        var recovery = await RunUntilSettledAsync(stepper, store, id);

        Assert.Equal(RecoveryState.Failed, recovery.State);
        var unhealthy = Assert.IsType<HealthFailed>(recovery.Trouble);
        Assert.False(unhealthy.RollingBack);
        Assert.Contains(unhealthy.Report.Checks, c => c is { Name: "5xx ratio", Healthy: false, Observed: "0.4", Threshold: "≤ 0.05" });
        Assert.Contains("5xx ratio = 0.4 (threshold ≤ 0.05)", Presenter.Slack.Narrative.Trouble(recovery.Trouble), StringComparison.Ordinal);
        var loaded = Recovery.Load(recovery, new RecoveryRules(), TimeProvider.System);
        Assert.Contains(loaded.AvailableActions(), a => a.Action == RecoveryTrigger.Rollback);
        var offered = Assert.Single(channel.Thread, p => p.Actions.Any(a => a.Action == RecoveryTrigger.Rollback));
        Assert.IsType<HealthFailed>(offered.Entry.Event);
        Assert.True(offered.Message.Table?.Any(row => row is { Name: "5xx ratio", Ok: false, Observed: "0.4" }),
            "the message offering the rollback shows the failing query's result");
        Assert.Empty(ports.Reverted);
    }

    [Fact]
    public async Task Recovery_that_stays_unhealthy_rolls_back_by_itself_when_so_configured()
    {
        prometheus.Metrics.Set("gate-auto", 0.9);
        var (stepper, store, id) = await VerifyingRecoveryAsync("gate-auto", new RecoveryRules { AutoRollbackOnUnhealthy = true }, TimeSpan.FromSeconds(3));

        var recovery = await RunUntilSettledAsync(stepper, store, id);

        Assert.Equal(RecoveryState.RolledBack, recovery.State);
        Assert.Contains("5xx ratio = 0.9", recovery.Health?.Checks.Select(c => $"{c.Name} = {c.Observed}") ?? [], StringComparer.Ordinal);
        Assert.Equal(["v1"], ports.Reverted);
    }

    /// <summary>A recovery approved, cut over and rolled out, now waiting for health, in a real SQLite store.</summary>
    private async Task<(RecoveryStepper, SqlRecoveryStore, string)> VerifyingRecoveryAsync(string @case, RecoveryRules rules, TimeSpan healthTimeout)
    {
        var clock = TimeProvider.System;
        var store = new SqlRecoveryStore(SqliteDialect.DataSource(new SqliteStoreOptions { Path = storePath }), new SqliteDialect());
        var threads = new SqlThreadLog(SqliteDialect.DataSource(new SqliteStoreOptions { Path = storePath }), new SqliteDialect(), new LocalRecoveryLeases());
        var options = new PrometheusProbeOptions
        {
            Url = prometheus.Url,
            Queries = [new PrometheusQuery { Name = "5xx ratio", Query = $"pitr_test_value{{case=\"{@case}\"}}", Threshold = 0.05 }],
            Interval = TimeSpan.FromMilliseconds(500),
            StablePeriod = TimeSpan.FromSeconds(2),
        };
        var probe = new PrometheusHealthProbe("orders", options, new PrometheusQueryClient(http, prometheus.Url, options.RequestTimeout), clock, NullLogger<PrometheusHealthProbe>.Instance);
        var policy = new DatabasePolicy { PollInterval = TimeSpan.FromMilliseconds(200), HealthTimeout = healthTimeout };
        var catalog = new SingleDatabase(new DatabaseBinding("orders", ports, ports, ports, ports, probe, policy));
        var engine = new WiredEngine(store, threads, channel, catalog, rules, clock);

        var now = clock.GetUtcNow();
        var recovery = Recovery.Plan(
            new RecoveryPlan($"r{Guid.NewGuid():N}"[..9], "orders", RecoveryMode.Recovery, RecoveryTarget.At(now.AddMinutes(-10)), Alice, "C1",
                new RestorableWindow(now.AddDays(-7), now.AddMinutes(-1)), "orders-prod"),
            rules, clock);
        await recovery.ActAsync(new PersonAction(RecoveryTrigger.Confirm, Alice));
        await recovery.RestoreAvailableAsync(CutoverPorts.Restored);
        await recovery.ValidationCompletedAsync(new ValidationReport([new CheckResult("orders exist", true, "42", ">= 1", TimeSpan.Zero)]));
        await recovery.ActAsync(new PersonAction(RecoveryTrigger.Approve, Bob));
        await recovery.SecretUpdatedAsync(new SecretChange("v1", "v2", "orders-prod:5432"));
        await recovery.RolloutFinishedAsync(new RolloutReport([new WorkloadResult("api", true, TimeSpan.FromSeconds(20), "2/2 pods updated")]));
        Assert.Equal(RecoveryState.Verifying, recovery.State);
        await engine.Work.AddAsync(recovery, TestContext.Current.CancellationToken);
        return (engine.Stepper, store, recovery.Id);
    }

    private static async Task<RecoverySnapshot> RunUntilSettledAsync(RecoveryStepper stepper, SqlRecoveryStore store, string id)
    {
        for (var step = 0; step < 50; step++)
        {
            var recovery = (await store.FindAsync(id, TestContext.Current.CancellationToken))!;
            if (recovery.State is RecoveryState.Completed or RecoveryState.Failed or RecoveryState.RolledBack)
            {
                return recovery;
            }

            await stepper.AdvanceAsync(id, TestContext.Current.CancellationToken);
        }

        throw new InvalidOperationException($"recovery {id} did not settle");
    }

    /// <summary>The ports a cut-over recovery still touches after the restore: the secret (reverted on rollback) and the workloads.</summary>
    private sealed class CutoverPorts : IDatabaseRestorer, IValidationRunner, ISecretStore, IWorkloadRestarter
    {
        public static readonly DatabaseEndpoint Restored = new("pitr-r1-a1", "127.0.0.1", 5433, "orders");

        public List<string> Reverted { get; } = [];

        public ValueTask<RestorableWindow> GetRestorableWindowAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

        public ValueTask<SourceDescription> DescribeSourceAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

        public ValueTask StartRestoreAsync(RestoreRequest request, CancellationToken cancellationToken) => throw new NotSupportedException();

        public ValueTask<RestoreStatus> GetRestoreStatusAsync(string identifier, CancellationToken cancellationToken) =>
            ValueTask.FromResult(new RestoreStatus(RestorePhase.Available, Restored));

        public ValueTask DeleteAsync(string identifier, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask<ValidationReport> RunAsync(DatabaseEndpoint restored, DateTimeOffset target, CancellationToken cancellationToken) => throw new NotSupportedException();

        public ValueTask<SecretChange> PointAtAsync(DatabaseEndpoint endpoint, CancellationToken cancellationToken) => throw new NotSupportedException();

        public ValueTask RevertAsync(SecretChange change, CancellationToken cancellationToken)
        {
            Reverted.Add(change.PreviousVersion);
            return ValueTask.CompletedTask;
        }

        public ValueTask<RolloutReport> RestartAsync(RestartRequest request, IProgress<WorkloadProgress>? progress, CancellationToken cancellationToken) =>
            ValueTask.FromResult(new RolloutReport([new WorkloadResult("api", true, TimeSpan.FromSeconds(5), "2/2 pods updated")]));
    }

    /// <summary>The thread as Slack would word it: each entry with the buttons it carried and the message the Slack presenter makes of it.</summary>
    private sealed class ThreadRecorder : IIncidentChannel
    {
        private int next;

        public List<Told> Thread { get; } = [];

        public string Name => "recorder";

        public ValueTask<MessageRef?> PostHeaderAsync(RecoveryView view, CancellationToken cancellationToken) =>
            ValueTask.FromResult<MessageRef?>(NewMessage());

        public ValueTask UpdateHeaderAsync(MessageRef header, RecoveryView view, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask<ThreadPost> PostInThreadAsync(MessageRef header, RecoveryView view, AuditEntry entry, IReadOnlyList<RecoveryAction> actions, CancellationToken cancellationToken)
        {
            if (Presenter.Slack.Narrative.Tell(entry, view, actions) is not { } message)
            {
                return ValueTask.FromResult(ThreadPost.NothingToSay);
            }

            lock (Thread)
            {
                Thread.Add(new Told(entry, actions, message));
            }

            return ValueTask.FromResult(ThreadPost.Posted(NewMessage()));
        }

        public ValueTask CloseActionsAsync(MessageRef message, RecoveryView view, AuditEntry offeredWith, AuditEntry closedBy, CancellationToken cancellationToken) =>
            ValueTask.CompletedTask;

        public ValueTask PostProgressAsync(MessageRef header, string recoveryId, IReadOnlyDictionary<string, string> workloads, CancellationToken cancellationToken) =>
            ValueTask.CompletedTask;

        public ValueTask<MessageRef?> PostAlertAsync(string channel, AlertCard card, CancellationToken cancellationToken) => throw new NotSupportedException();

        public ValueTask ResolveAlertAsync(MessageRef message, AlertCard card, DateTimeOffset resolvedAt, CancellationToken cancellationToken) => throw new NotSupportedException();

        private MessageRef NewMessage() => new("C1", $"{Interlocked.Increment(ref next)}");
    }

    private sealed record Told(AuditEntry Entry, IReadOnlyList<RecoveryAction> Actions, ThreadMessage Message);
}
