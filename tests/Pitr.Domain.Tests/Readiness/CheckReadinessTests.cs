using Microsoft.Extensions.Time.Testing;
using Pitr.Domain.Ports;
using Pitr.Domain.Readiness;
using Pitr.Domain.Recoveries;
using Pitr.Domain.Tests.Fakes;

namespace Pitr.Domain.Tests.Readiness;

public sealed class CheckReadinessTests
{
    private static readonly DateTimeOffset Now = new(2024, 5, 1, 10, 40, 0, TimeSpan.Zero);

    private readonly SourceRestorer restorer = new();
    private readonly InMemoryRecoveryStore store = new();

    [Fact]
    public async Task Every_item_passes_when_the_database_meets_every_target()
    {
        await AddDrillAsync("d1", completedAt: Now.AddDays(-20));

        var report = await CheckAsync();

        Assert.True(report.Ready);
        Assert.Equal(["Backup retention", "Restorable window", "Recovery point lag (RPO)", "Deletion protection", "Recovery drill"], report.Items.Select(i => i.Name));
        Assert.All(report.Items, i => Assert.Null(i.Fix));
    }

    [Fact]
    public async Task Retention_fails_with_how_to_raise_it_when_below_30_days()
    {
        restorer.Source = restorer.Source with { BackupRetentionDays = 7 };

        var item = Item(await CheckAsync(), "Backup retention");

        Assert.False(item.Passed);
        Assert.Equal("7 days", item.Observed);
        Assert.Contains("--backup-retention-period 30", item.Fix);
    }

    [Fact]
    public async Task Window_fails_when_it_reaches_back_less_than_the_retention()
    {
        restorer.Window = new RestorableWindow(Now.AddDays(-12), Now.AddMinutes(-2));

        var item = Item(await CheckAsync(), "Restorable window");

        Assert.False(item.Passed);
        Assert.StartsWith("reaches back 12 days", item.Observed);
        Assert.NotNull(item.Fix);
    }

    [Fact]
    public async Task Window_passes_when_it_falls_short_of_the_retention_by_less_than_a_day()
    {
        restorer.Source = restorer.Source with { BackupRetentionDays = 30 };
        restorer.Window = new RestorableWindow(Now.AddDays(-29.5), Now.AddMinutes(-2));

        Assert.True(Item(await CheckAsync(), "Restorable window").Passed);
    }

    [Fact]
    public async Task Lag_fails_when_the_latest_restorable_time_trails_by_more_than_5_minutes()
    {
        restorer.Window = new RestorableWindow(Now.AddDays(-40), Now.AddMinutes(-7));

        var item = Item(await CheckAsync(), "Recovery point lag (RPO)");

        Assert.False(item.Passed);
        Assert.Contains("7m 00s behind", item.Observed);
        Assert.Contains("log backups", item.Fix);
    }

    [Fact]
    public async Task Lag_passes_when_the_latest_restorable_time_trails_by_exactly_5_minutes()
    {
        restorer.Window = new RestorableWindow(Now.AddDays(-40), Now.AddMinutes(-5));

        Assert.True(Item(await CheckAsync(), "Recovery point lag (RPO)").Passed);
    }

    [Fact]
    public async Task Deletion_protection_fails_with_how_to_turn_it_on_when_off()
    {
        restorer.Source = restorer.Source with { DeletionProtection = false };

        var item = Item(await CheckAsync(), "Deletion protection");

        Assert.False(item.Passed);
        Assert.Contains("--deletion-protection", item.Fix);
    }

    [Fact]
    public async Task Deletion_protection_is_left_out_where_the_engine_has_none()
    {
        restorer.Source = restorer.Source with { DeletionProtection = null };

        var report = await CheckAsync();

        Assert.DoesNotContain(report.Items, i => i.Name == "Deletion protection");
        Assert.Contains(report.Items, i => i.Name == "Backup retention");
    }

    [Theory]
    [InlineData("", false)]
    [InlineData("upgrade", false)]
    [InlineData("postgresql,upgrade", true)]
    public async Task History_needs_the_postgresql_log_exported_when_the_engine_exports_logs(string exports, bool passes)
    {
        restorer.Source = restorer.Source with { Settings = new Dictionary<string, string> { [SourceDescription.LogExportsSetting] = exports } };

        var item = Item(await CheckAsync(), "Recovery-point history");

        Assert.Equal(passes, item.Passed);
        Assert.Equal(passes, item.Fix is null);
        if (!passes)
        {
            Assert.Contains("EnableLogTypes=postgresql", item.Fix);
            Assert.Contains("log_statement", item.Fix);
        }
    }

    [Fact]
    public async Task Drill_fails_when_the_last_one_completed_more_than_183_days_ago()
    {
        await AddDrillAsync("old", completedAt: Now.AddDays(-200));

        var item = Item(await CheckAsync(), "Recovery drill");

        Assert.False(item.Passed);
        Assert.Contains("200 days ago", item.Observed);
        Assert.Contains("pitr drill --db orders", item.Fix);
    }

    [Fact]
    public async Task Drill_fails_when_only_an_unfinished_drill_and_a_recovery_are_on_record()
    {
        await AddDrillAsync("aborted", completedAt: null, state: RecoveryState.Aborted);
        await AddDrillAsync("real", completedAt: Now.AddDays(-3), mode: RecoveryMode.Recovery);

        var item = Item(await CheckAsync(), "Recovery drill");

        Assert.False(item.Passed);
        Assert.Equal("no completed drill on record", item.Observed);
    }

    [Fact]
    public async Task Items_needing_the_engine_fail_with_its_explanation_when_it_cannot_answer()
    {
        await AddDrillAsync("d1", completedAt: Now.AddDays(-20));
        restorer.Error = new InvalidOperationException("The bot's IAM role is not allowed to call rds:DescribeDBClusters.");

        var report = await CheckAsync();

        Assert.False(report.Ready);
        Assert.All(report.Items.Where(i => i.Name != "Recovery drill"), i => Assert.Contains("rds:DescribeDBClusters", i.Fix));
        Assert.True(Item(report, "Recovery drill").Passed);
    }

    [Fact]
    public async Task Report_names_the_configured_databases_when_the_database_is_unknown()
    {
        var report = await CheckAsync("billing");

        Assert.False(report.Ready);
        Assert.Empty(report.Items);
        var unknown = Assert.IsType<UnknownDatabase>(report.Why);
        Assert.Equal("billing", unknown.Database);
        Assert.Equal(["orders"], unknown.Configured);
    }

    private async Task<ReadinessReport> CheckAsync(string? database = null)
    {
        var catalog = new FakeCatalog(new DatabaseBinding("orders", restorer, new FakeValidation(new CallLog()), new FakeSecrets(new CallLog()),
            new FakeWorkloads(new CallLog()), new FakeHealth(new CallLog()), new DatabasePolicy()));
        return await new CheckReadinessHandler(catalog, store, new FakeDrillSchedules(), new ReadinessTargets(), new FakeTimeProvider(Now)).Handle(new CheckReadiness(database), CancellationToken.None);
    }

    private static ReadinessItem Item(ReadinessReport report, string name) => Assert.Single(report.Items, i => i.Name == name);

    private async Task AddDrillAsync(string id, DateTimeOffset? completedAt, RecoveryState state = RecoveryState.Decommissioned, RecoveryMode mode = RecoveryMode.Drill)
    {
        var requestedAt = (completedAt ?? Now).AddMinutes(-20);
        var snapshot = new RecoverySnapshot(id, "orders", mode, state, 9, new Actor("U1", "alice"), "C1", requestedAt, requestedAt,
            new RestorableWindow(requestedAt.AddDays(-30), requestedAt), "orders-prod", AutoApprove: false)
        {
            Attempts = [new RestoreAttempt(1, requestedAt.AddMinutes(-1), RestoreAttempt.IdentifierFor(id, 1))
            {
                Outcome = completedAt is null ? AttemptOutcome.Abandoned : mode == RecoveryMode.Drill ? AttemptOutcome.Drilled : AttemptOutcome.CutOver,
            }],
            CompletedAt = completedAt,
        };
        await store.AddAsync(snapshot, [], CancellationToken.None);
    }

    /// <summary>A source meeting every target unless a test changes it.</summary>
    private sealed class SourceRestorer : IDatabaseRestorer
    {
        public SourceDescription Source { get; set; } = new("orders-prod", null, 35, true, new Dictionary<string, string>());

        public RestorableWindow Window { get; set; } = new(Now.AddDays(-35), Now.AddMinutes(-3));

        public Exception? Error { get; set; }

        public ValueTask<RestorableWindow> GetRestorableWindowAsync(CancellationToken cancellationToken) =>
            Error is null ? ValueTask.FromResult(Window) : ValueTask.FromException<RestorableWindow>(Error);

        public ValueTask<SourceDescription> DescribeSourceAsync(CancellationToken cancellationToken) =>
            Error is null ? ValueTask.FromResult(Source) : ValueTask.FromException<SourceDescription>(Error);

        public ValueTask StartRestoreAsync(RestoreRequest request, CancellationToken cancellationToken) => throw new NotSupportedException();

        public ValueTask<RestoreStatus> GetRestoreStatusAsync(string identifier, CancellationToken cancellationToken) => throw new NotSupportedException();

        public ValueTask DeleteAsync(string identifier, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
