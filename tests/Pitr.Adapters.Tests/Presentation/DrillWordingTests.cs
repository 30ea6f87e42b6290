using Pitr.Adapters.Presentation;
using Pitr.Domain.Drills.Fleet;
using Pitr.Domain.Ports;
using Pitr.Domain.Recoveries;
using Pitr.Domain.Recoveries.Events;

namespace Pitr.Adapters.Tests.Presentation;

/// <summary>What people read when a drill gives way to an incident, and in the fleet summary, in Slack and in a terminal.</summary>
public sealed class DrillWordingTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 3, 3, 0, 0, TimeSpan.Zero);
    private static readonly RestorableWindow Window = new(At.AddDays(-7), At.AddMinutes(-1));
    private static readonly Actor Alice = new("UALICE", "alice");

    [Fact]
    public void The_drills_thread_says_who_needed_the_database_for_which_recovery_and_that_its_restore_goes()
    {
        var drill = new RecoverySnapshot("k3m9qz", "orders", RecoveryMode.Drill, RecoveryState.Aborted, 4, Actor.Scheduler, "C0DRILLS", At, null, Window, "orders-prod", true);
        var entry = new AuditEntry("k3m9qz", At.AddMinutes(2), Alice, RecoveryState.Restoring, RecoveryState.Aborted, new DrillYielded("pitr-k3m9qz-a1", "p7d2rx"));
        var view = new RecoveryView(drill, [], [entry], At.AddMinutes(2));

        Assert.Equal(
            "<@UALICE> needs `orders` for recovery `p7d2rx`: the drill is aborted, a real incident comes first. `pitr-k3m9qz-a1` will be deleted.",
            new RecoveryNarrative(TextStyle.Slack).Tell(entry, view, [])!.Text);
        Assert.Equal(
            "@alice needs orders for recovery p7d2rx: the drill is aborted, a real incident comes first. pitr-k3m9qz-a1 will be deleted.",
            new RecoveryNarrative(TextStyle.Plain).Tell(entry, view, [])!.Text);
    }

    [Fact]
    public void The_incidents_plan_names_the_drill_it_aborted()
    {
        var recovery = new RecoverySnapshot("p7d2rx", "orders", RecoveryMode.Recovery, RecoveryState.Requested, 1, Alice, "C1", At, null, Window, "orders-prod", false);
        var planned = new Planned(RecoveryMode.Recovery, RecoveryTarget.At(At.AddMinutes(-10)), "pitr-p7d2rx-a1", Window, "orders-prod", null, null) { AbortedDrill = "k3m9qz" };

        Assert.Contains(
            "\n• Drill k3m9qz was aborted to free orders (an incident comes first); its restore is being deleted\n",
            new RecoveryNarrative(TextStyle.Plain).Plan(recovery, planned), StringComparison.Ordinal);
        Assert.DoesNotContain("aborted", new RecoveryNarrative(TextStyle.Plain).Plan(recovery, planned with { AbortedDrill = null }), StringComparison.Ordinal);
    }

    [Fact]
    public void The_fleet_summary_has_a_line_per_database_with_verdict_rto_phases_and_lag()
    {
        var fleet = new FleetSummary([
            new FleetDrill("billing", Report("b1", "billing", TimeSpan.FromMinutes(16), checksPassed: true), TimeSpan.FromSeconds(75), null),
            FleetDrill.NotStarted("orders", new AlreadyActive("p7d2rx", "orders", RecoveryState.Restoring, Alice)),
        ]);

        var slack = Presenter.Slack.Fleet.Summary(fleet).Split('\n');
        var plain = Presenter.Console.Fleet.Summary(fleet).Split('\n');

        Assert.Equal(":x: *Fleet drill*: 0/2 databases passed (RTO budget 15m 00s)", slack[0]);
        Assert.Equal("• `billing` :x: failed (Failed) · RTO *16m 00s* (over budget) (restore 15m 00s, validation 1m 00s) · lag 1m 15s · drill `b1`", slack[1]);
        Assert.StartsWith("• `orders` :no_entry: Recovery `p7d2rx` of `orders` is already Restoring", slack[2], StringComparison.Ordinal);
        Assert.Equal("✗ Fleet drill: 0/2 databases passed (RTO budget 15m 00s)", plain[0]);
        Assert.Equal("• billing ✗ failed (Failed) · RTO 16m 00s (over budget) (restore 15m 00s, validation 1m 00s) · lag 1m 15s · drill b1", plain[1]);
    }

    private static RecoveryReport Report(string id, string database, TimeSpan rto, bool checksPassed) =>
        new(id, database, true, RecoveryState.Failed, At, null, null, At, At + rto, rto, 1, null,
            [new PhaseDuration(RecoveryPhase.Restore, rto - TimeSpan.FromMinutes(1)), new PhaseDuration(RecoveryPhase.Validation, TimeSpan.FromMinutes(1))],
            [new CheckResult("orders present", checksPassed, "1", ">= 1", TimeSpan.FromSeconds(1))], [], [], null, []);
}
