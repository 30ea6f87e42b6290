using Pitr.Adapters.Presentation;
using Pitr.Domain.Ports;
using Pitr.Domain.Recoveries;
using Pitr.Domain.Recoveries.Events;
using Pitr.Domain.Recoveries.Window;

namespace Pitr.Adapters.Tests.Presentation;

/// <summary>After a cutover people read where production runs: in the plan and in the window's answer.</summary>
public sealed class LineageWordingTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 3, 3, 0, 0, TimeSpan.Zero);
    private static readonly RestorableWindow Window = new(At.AddHours(-1), At.AddMinutes(-1));
    private static readonly ProductionMoved Moved = new("x1", "pitr-x1-a1", At.AddHours(-2), "orders-prod");

    [Fact]
    public void The_plan_names_the_lineage_and_restores_from_the_new_production()
    {
        var recovery = new RecoverySnapshot("k3m9qz", "orders", RecoveryMode.Recovery, RecoveryState.Requested, 1, Actor.Bot, "C1", At, null, Window, "pitr-x1-a1", false);
        var planned = new Planned(RecoveryMode.Recovery, RecoveryTarget.At(At.AddMinutes(-5)), "pitr-k3m9qz-a1", Window, "pitr-x1-a1", null, Moved);

        var plan = new RecoveryNarrative(TextStyle.Plain).Plan(recovery, planned);

        Assert.Contains("(source pitr-x1-a1)", plan, StringComparison.Ordinal);
        Assert.Contains("Production of orders runs on pitr-x1-a1 since 2026-12-03T01:00:00Z (recovery x1): lineage orders-prod → pitr-x1-a1", plan, StringComparison.Ordinal);
    }

    [Fact]
    public void The_window_says_where_production_runs_only_when_a_cutover_moved_it()
    {
        var source = new SourceDescription("pitr-x1-a1", null, 30, true, new Dictionary<string, string>());
        var wording = new ReportWording(TextStyle.Plain);

        var moved = wording.Window(new WindowAnswer("orders", Window, source, null, Moved));
        var unmoved = wording.Window(new WindowAnswer("orders", Window, source with { Identifier = "orders-prod" }, null));

        Assert.Contains("lineage orders-prod → pitr-x1-a1", moved, StringComparison.Ordinal);
        Assert.DoesNotContain("lineage", unmoved, StringComparison.Ordinal);
    }
}
