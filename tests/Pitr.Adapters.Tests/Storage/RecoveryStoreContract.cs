using Pitr.Domain.Ports;
using Pitr.Domain.Recoveries;
using Pitr.Domain.Recoveries.Events;
using Pitr.Domain.Recoveries.Lineage;
using Pitr.Domain.Tests.Fakes;

namespace Pitr.Adapters.Tests.Storage;

/// <summary>What every recovery store promises; run against each store the bot can use.</summary>
public abstract class RecoveryStoreContract
{
    /// <summary>A store over the test's database; several calls open the same database again (a restarted bot).</summary>
    protected abstract IRecoveryStore Open();

    /// <summary>The thread log kept in the same database.</summary>
    protected abstract IThreadLog OpenThreads();

    /// <summary>Runs raw SQL against the store's database, bypassing the store.</summary>
    protected abstract Task ExecuteRawAsync(string sql);

    /// <summary>Runs a raw SQL query answering one number, bypassing the store.</summary>
    protected abstract Task<long> CountRawAsync(string sql);

    /// <summary>The audit table (with its index and append-only triggers) as stores made before audit entries carried typed events created it: no <c>event</c> column.</summary>
    protected abstract string PreviousAuditSchema { get; }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Returns_what_was_saved_after_the_store_is_reopened()
    {
        var world = new RecoveryWorld(store: Open());
        var id = await world.StartConfirmedAsync();
        await world.RunUntilAsync(id, RecoveryState.AwaitingApproval);

        var loaded = await Open().FindAsync(id, CancellationToken.None);

        Assert.NotNull(loaded);
        Assert.Equal(RecoveryState.AwaitingApproval, loaded.State);
        Assert.Equal(world.Restorer.Window, loaded.Window);
        Assert.True(loaded.CurrentAttempt.Validation!.Passed);
        Assert.Equal("restored.local", loaded.CurrentAttempt.Endpoint!.Host);
        Assert.Equal(RecoveryWorld.Alice, loaded.Initiator);
    }

    [Fact]
    public async Task Refuses_a_save_made_from_a_stale_version()
    {
        var store = Open();
        var world = new RecoveryWorld(store: store);
        var id = (await world.StartAsync()).Recovery!.Id;
        var first = await world.Repository.FindAsync(id, CancellationToken.None);
        var second = await world.Repository.FindAsync(id, CancellationToken.None);

        await first!.ActAsync(new PersonAction(RecoveryTrigger.Confirm, RecoveryWorld.Alice));
        await world.Repository.SaveAsync(first, CancellationToken.None);
        await second!.ActAsync(new PersonAction(RecoveryTrigger.Cancel, RecoveryWorld.Bob));

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => world.Repository.SaveAsync(second, CancellationToken.None).AsTask());
        Assert.Equal(RecoveryState.Restoring, (await store.FindAsync(id, CancellationToken.None))!.State);
    }

    [Fact]
    public async Task Refuses_a_second_active_recovery_of_the_same_database()
    {
        var store = Open();
        var world = new RecoveryWorld(store: store);
        var first = (await world.StartAsync()).Recovery!;
        var plan = new RecoveryPlan("other1", "orders", RecoveryMode.Recovery, RecoveryTarget.At(RecoveryWorld.Now.AddMinutes(-5)), RecoveryWorld.Bob, "C1", world.Restorer.Window, "orders-prod");

        var refused = await Assert.ThrowsAsync<RecoveryAlreadyActiveException>(() =>
            world.Repository.AddAsync(Recovery.Plan(plan, world.Rules, world.Clock), CancellationToken.None).AsTask());

        Assert.Equal(first.Id, refused.ActiveRecoveryId);
        Assert.Null(await store.FindAsync("other1", CancellationToken.None));
        Assert.Empty(await store.GetAuditTrailAsync("other1", CancellationToken.None));
    }

    [Fact]
    public async Task Lets_a_new_recovery_start_once_the_previous_one_completed()
    {
        var store = Open();
        var world = new RecoveryWorld(store: store);
        var id = await world.StartConfirmedAsync();
        await world.RunUntilAsync(id, RecoveryState.AwaitingApproval);
        await world.ApproveAsync(id, RecoveryWorld.Bob);
        await world.RunUntilAsync(id, RecoveryState.Completed);

        var next = await world.StartAsync("2024-05-01T10:35:00Z");

        Assert.True(next.Succeeded, $"{next.Status}: {next.Why}");
        Assert.Equal(2, (await store.ListOpenAsync(CancellationToken.None)).Count);
        Assert.Equal(next.Recovery!.Id, (await store.ListRecentAsync("orders", 1, CancellationToken.None)).Single().Id);
    }

    [Fact]
    public async Task Production_moves_to_the_restore_at_the_cutover_and_back_at_the_rollback()
    {
        var store = Open();
        var world = new RecoveryWorld(store: store);
        var id = await world.StartConfirmedAsync();
        await world.RunUntilAsync(id, RecoveryState.AwaitingApproval);
        await world.ApproveAsync(id, RecoveryWorld.Bob);
        var completed = await world.RunUntilAsync(id, RecoveryState.Completed);

        var moved = await ProductionLineage.FindAsync(Open(), "orders", Cancel);
        await world.ActAsync(id, RecoveryTrigger.Rollback, RecoveryWorld.Bob, reason: "checkout errors");
        await world.RunUntilAsync(id, RecoveryState.RolledBack);
        var back = await ProductionLineage.FindAsync(Open(), "orders", Cancel);

        Assert.Equal(new ProductionMoved(id, $"pitr-{id}-a1", completed.CompletedAt!.Value, "orders-prod"), moved);
        Assert.Null(back);
    }

    [Fact]
    public async Task Keeps_the_audit_trail_append_only()
    {
        var store = Open();
        var world = new RecoveryWorld(store: store);
        var id = (await world.StartAsync()).Recovery!.Id;

        var refused = await Assert.ThrowsAnyAsync<Exception>(() => ExecuteRawAsync("UPDATE pitr_audit SET actor_name = 'mallory'"));
        await Assert.ThrowsAnyAsync<Exception>(() => ExecuteRawAsync("DELETE FROM pitr_audit"));

        Assert.Contains("append-only", refused.Message, StringComparison.Ordinal);
        Assert.Equal("alice", Assert.Single(await store.GetAuditTrailAsync(id, CancellationToken.None)).Actor.Name);
    }

    [Fact]
    public async Task Lists_terminal_recoveries_as_open_until_their_deletions_are_done()
    {
        var store = Open();
        var world = new RecoveryWorld(store: store);
        world.Restorer.PollsUntilAvailable = 10;
        var id = await world.StartConfirmedAsync();
        await world.Stepper.AdvanceAsync(id, CancellationToken.None);
        var recovery = await world.Repository.FindAsync(id, CancellationToken.None);
        await recovery!.ActAsync(new PersonAction(RecoveryTrigger.Abort, RecoveryWorld.Bob));
        await world.Repository.SaveAsync(recovery, CancellationToken.None);

        Assert.Contains(await store.ListOpenAsync(CancellationToken.None), r => r.Id == id);
        await world.Stepper.AdvanceAsync(id, CancellationToken.None);
        Assert.DoesNotContain(await store.ListOpenAsync(CancellationToken.None), r => r.Id == id);
    }

    [Fact]
    public async Task Records_the_audit_trail_in_order_with_actors()
    {
        var world = new RecoveryWorld(store: Open());
        var id = await world.StartConfirmedAsync();
        await world.RunUntilAsync(id, RecoveryState.AwaitingApproval);
        await world.ApproveAsync(id, RecoveryWorld.Alice);

        var trail = await Open().GetAuditTrailAsync(id, CancellationToken.None);

        Assert.Equal(
            [typeof(Planned), typeof(Confirmed), typeof(RestoreRequested), typeof(RestoreAvailable), typeof(ValidationCompleted), typeof(Refused)],
            trail.Select(e => e.Event.GetType()));
        Assert.Equal(RecoveryWorld.Alice, trail[0].Actor);
        Assert.Equal(Actor.Bot, trail[2].Actor);
        var refused = Assert.IsType<Refused>(trail[^1].Event);
        Assert.Equal(RecoveryWorld.Alice, trail[^1].Actor);
        Assert.Equal(RecoveryTrigger.Approve, refused.Action);
        var why = Assert.IsType<NotPermitted>(refused.Why);
        Assert.Equal((RecoveryTrigger.Approve, RecoveryState.AwaitingApproval), (why.Action, why.State));
        Assert.NotEmpty(why.Unmet);
        Assert.Equal((RecoveryState.AwaitingApproval, RecoveryState.AwaitingApproval), (trail[^1].From, trail[^1].To));
    }

    [Fact]
    public async Task Stores_each_entry_under_its_event_kind()
    {
        var world = new RecoveryWorld(store: Open());
        var id = await world.AwaitingApprovalAsync();

        Assert.Equal(1, await CountRawAsync($"SELECT COUNT(*) FROM pitr_audit WHERE recovery_id = '{id}' AND action = 'ValidationCompleted'"));
        Assert.Equal(1, await CountRawAsync($"SELECT COUNT(*) FROM pitr_audit WHERE recovery_id = '{id}' AND action = 'Planned'"));
    }

    [Fact]
    public async Task Gives_back_each_event_with_its_data()
    {
        var store = Open();
        var at = RecoveryWorld.Now;
        var earlier = RecoveryWorld.Target("2024-05-01T12:31:00+02:00");
        var window = new RestorableWindow(at.AddDays(-7), at.AddMinutes(-1));
        var endpoint = new DatabaseEndpoint("pitr-r1-a1", "restored.local", 5433, "orders");
        RecoveryEvent[] events =
        [
            new Planned(RecoveryMode.Drill, RecoveryWorld.Target("2024-05-01T10:32:15Z"), "pitr-r1-a1", window, "orders-prod", at.AddMinutes(-2),
                new ProductionMoved("old1", "pitr-old1-a1", at.AddDays(-3), "orders-prod"))
            {
                ExpectedDifferences = [new SettingDifference("DBInstanceClass", "db.r6g.large", "db.r6g.xlarge", "set by Rds:InstanceClass")],
            },
            new RestoreAvailable("pitr-r1-a1", endpoint, TimeSpan.FromSeconds(95)),
            new ValidationCompleted("pitr-r1-a1", at.AddMinutes(-8), new ValidationReport(
            [
                new CheckResult("orders exist", true, "42", ">= 1", TimeSpan.FromMilliseconds(12)),
                new CheckResult("no rows after the target", false, "3", "= 0", TimeSpan.FromSeconds(1)),
            ])
            {
                NoDataChecks = true,
                SettingsDiff = [new SettingDifference("CACertificateIdentifier", "rds-ca-ecc384-g1", "rds-ca-rsa2048-g1")],
            }),
            new Refused(RecoveryTrigger.Approve, new NotPermitted(RecoveryTrigger.Approve, RecoveryState.AwaitingApproval,
                ["someone other than the initiator approves"], new ActionTaken(RecoveryTrigger.Confirm, RecoveryWorld.Alice, at.AddMinutes(-9)))),
            new Refused(RecoveryTrigger.Reject, new OutsideWindow(earlier.Instant, "orders", window)),
            new Rejected(1, at.AddMinutes(-8), earlier, "pitr-r1-a2"),
            new SecretUpdated(new SecretChange("v1", "v2", "orders-prod:5432"), endpoint),
            new HealthFailed(new HealthReport(false, [new HealthCheckResult("5xx ratio", false, "0.4", "≤ 0.05")]) { Dashboard = new Uri("https://grafana.example/d/orders") }, RollingBack: true),
            new TimedOut(RecoveryPhase.Health, TimeSpan.FromMinutes(10)),
            new RollbackRequested(null),
            new Cancelled(),
            new DeleteFailed("pitr-r1-a1", "deletion protection is on", at.AddHours(1)),
        ];
        var entries = events.Select((e, i) => new AuditEntry("r1", at.AddSeconds(i), i % 2 == 0 ? RecoveryWorld.Bob : Actor.Bot, RecoveryState.AwaitingApproval, RecoveryState.Validating, e)).ToList();
        foreach (var entry in entries)
        {
            await store.AppendAuditAsync(entry, Cancel);
        }

        var trail = await Open().GetAuditTrailAsync("r1", Cancel);

        Assert.Equal(entries.Count, trail.Count);
        foreach (var (sent, stored) in entries.Zip(trail))
        {
            Assert.IsType(sent.Event.GetType(), stored.Event);
            Assert.Equivalent(sent.Event, stored.Event, strict: true);
            Assert.Equal(sent with { Seq = stored.Seq, Event = stored.Event }, stored);
        }

        var rejected = Assert.IsType<Rejected>(trail[5].Event);
        Assert.Equal("2024-05-01T12:31:00+02:00", rejected.NewTarget.AsTyped);
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 10, 31, 0, TimeSpan.Zero), rejected.NewTarget.Instant);
        var validated = Assert.IsType<ValidationCompleted>(trail[2].Event);
        Assert.False(validated.Report.Passed);
        Assert.Equal(["orders exist", "no rows after the target"], validated.Report.Checks.Select(c => c.Name));
        var notPermitted = Assert.IsType<NotPermitted>(Assert.IsType<Refused>(trail[3].Event).Why);
        Assert.Equal(["someone other than the initiator approves"], notPermitted.Unmet);
        Assert.Equal(RecoveryWorld.Alice, notPermitted.LastAction?.By);
    }

    [Fact]
    public async Task Gives_back_the_validation_report_a_recovery_recorded()
    {
        var world = new RecoveryWorld(store: Open());
        var id = await world.AwaitingApprovalAsync();

        var trail = await Open().GetAuditTrailAsync(id, Cancel);
        var recovery = await Open().FindAsync(id, Cancel);

        var validated = Assert.IsType<ValidationCompleted>(Assert.Single(trail, e => e.Event is ValidationCompleted).Event);
        Assert.Equal(recovery!.CurrentAttempt.Identifier, validated.Identifier);
        Assert.Equal(recovery.CurrentAttempt.Target, validated.Target);
        Assert.NotEmpty(validated.Report.Checks);
        Assert.Equivalent(recovery.CurrentAttempt.Validation, validated.Report, strict: true);
    }

    [Fact]
    public async Task Numbers_entries_in_the_order_they_were_appended()
    {
        var store = Open();
        var world = new RecoveryWorld(store: store);
        var id = await world.AwaitingApprovalAsync();
        await store.AppendAuditAsync(new AuditEntry("another", world.Clock.GetUtcNow(), RecoveryWorld.Bob, RecoveryState.Requested, RecoveryState.Requested, new Cancelled()), Cancel);
        await world.ApproveAsync(id, RecoveryWorld.Alice);

        var trail = await Open().GetAuditTrailAsync(id, Cancel);
        var other = Assert.Single(await store.GetAuditTrailAsync("another", Cancel));

        Assert.All(trail, e => Assert.True(e.Seq > 0, $"{e.Event} was not numbered"));
        Assert.Equal(trail.Select(e => e.Seq).Order(), trail.Select(e => e.Seq));
        Assert.Equal(trail.Count, trail.Select(e => e.Seq).Distinct().Count());
        Assert.IsType<Refused>(trail[^1].Event);
        Assert.InRange(other.Seq, trail[^2].Seq + 1, trail[^1].Seq - 1);
    }

    [Fact]
    public async Task Reads_rows_written_before_events_were_typed_as_legacy_entries_after_migrating()
    {
        await ExecuteRawAsync(PreviousAuditSchema);
        await ExecuteRawAsync("""
            INSERT INTO pitr_audit (recovery_id, at, actor_id, actor_name, action, from_state, to_state, detail) VALUES
            ('old1', '2024-05-01T10:40:00.0000000+00:00', 'U_ALICE', 'alice', 'Start', 'Requested', 'Requested', 'recovery to 2024-05-01T10:32:15Z'),
            ('old1', '2024-05-01T10:41:00.0000000+00:00', 'U_ALICE', 'alice', 'Confirm', 'Requested', 'Restoring', ''),
            ('old1', '2024-05-01T10:52:00.0000000+00:00', 'U_ALICE', 'alice', 'ApproveRefused', 'AwaitingApproval', 'AwaitingApproval', 'approve needs someone other than the initiator')
            """);
        var store = Open();

        var trail = await store.GetAuditTrailAsync("old1", Cancel);
        await store.AppendAuditAsync(new AuditEntry("old1", RecoveryWorld.Now.AddMinutes(20), RecoveryWorld.Bob, RecoveryState.AwaitingApproval, RecoveryState.AwaitingApproval,
            new Refused(RecoveryTrigger.Approve, new NotPermitted(RecoveryTrigger.Approve, RecoveryState.AwaitingApproval, [], null))), Cancel);
        var after = await Open().GetAuditTrailAsync("old1", Cancel);

        Assert.Equal(
            [new LegacyEntry("Start", "recovery to 2024-05-01T10:32:15Z"), new LegacyEntry("Confirm", ""), new LegacyEntry("ApproveRefused", "approve needs someone other than the initiator")],
            trail.Select(e => e.Event));
        Assert.All(trail, e => Assert.Equal(RecoveryWorld.Alice, e.Actor));
        Assert.Equal((RecoveryState.Requested, RecoveryState.Restoring), (trail[1].From, trail[1].To));
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 10, 52, 0, TimeSpan.Zero), trail[2].At);
        Assert.Equal(4, after.Count);
        Assert.Equal(trail.Select(e => e.Event), after.Take(3).Select(e => e.Event));
        Assert.IsType<Refused>(after[3].Event);
        Assert.True(after[3].Seq > after[2].Seq, "a typed entry appended after the migration comes after the old ones");
    }

    [Fact]
    public async Task Keeps_each_channels_thread_of_each_recovery()
    {
        var threads = OpenThreads();
        var slack = new RecoveryThread("r1", "slack") { Header = new MessageRef("C1", "1700000000.000100") };
        var console = new RecoveryThread("r1", "console") { Header = new MessageRef("console", "1"), DeliveredSeq = 3 };
        var other = new RecoveryThread("r2", "slack") { Header = new MessageRef("C1", "1700000000.000900"), DeliveredSeq = 1 };

        Assert.Null(await threads.FindAsync("r1", "slack", Cancel));
        await threads.SaveAsync(slack, Cancel);
        await threads.SaveAsync(console, Cancel);
        await threads.SaveAsync(other, Cancel);
        var offering = slack with { DeliveredSeq = 7, OpenActions = new MessageRef("C1", "1700000000.000700"), OpenActionsSeq = 7 };
        await threads.SaveAsync(offering, Cancel);

        var reopened = OpenThreads();
        Assert.Equal(offering, await reopened.FindAsync("r1", "slack", Cancel));
        Assert.Equal(console, await reopened.FindAsync("r1", "console", Cancel));
        Assert.Equal(other, await reopened.FindAsync("r2", "slack", Cancel));
        Assert.Null(await reopened.FindAsync("r2", "console", Cancel));

        var closed = offering with { DeliveredSeq = 9, OpenActions = null, OpenActionsSeq = 0 };
        await reopened.SaveAsync(closed, Cancel);
        Assert.Equal(closed, await OpenThreads().FindAsync("r1", "slack", Cancel));
        Assert.Equal(console, await OpenThreads().FindAsync("r1", "console", Cancel));
    }
}
