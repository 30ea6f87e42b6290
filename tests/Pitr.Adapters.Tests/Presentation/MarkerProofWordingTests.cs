using Pitr.Adapters.Presentation;
using Pitr.Domain.Ports;
using Pitr.Domain.Recoveries;
using Pitr.Domain.Recoveries.Events;

namespace Pitr.Adapters.Tests.Presentation;

/// <summary>What people read about a drill's marker proof: the plan says what the target is, a refusal says why there is no drill.</summary>
public sealed class MarkerProofWordingTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 3, 3, 0, 0, TimeSpan.Zero);
    private static readonly RestorableWindow Window = new(At.AddDays(-7), At.AddMinutes(-5));

    [Fact]
    public void The_plan_says_the_target_is_a_markers_commit_and_what_validation_looks_for()
    {
        var drill = new RecoverySnapshot("k3m9qz", "orders", RecoveryMode.Drill, RecoveryState.Requested, 1, Actor.Bot, "C1", At, null, Window, "orders-prod", true);
        var planned = new Planned(RecoveryMode.Drill, RecoveryTarget.At(At.AddTicks(-10)), "pitr-k3m9qz-a1", Window, "orders-prod", null, null) { MarkerProof = true };

        var plan = new RecoveryNarrative(TextStyle.Plain).Plan(drill, planned);

        Assert.Contains("• Marker proof: the target is the commit of a marker row just written on the source; validation checks that it is in the restore and that a second marker, written after it, is not\n", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("Marker proof", new RecoveryNarrative(TextStyle.Plain).Plan(drill, planned with { MarkerProof = false }), StringComparison.Ordinal);
    }

    [Fact]
    public void A_drill_whose_markers_the_archive_never_reached_is_refused_saying_so_with_the_window()
    {
        var marker = new DrillMarker("k3m9qz-before", MarkerRole.BeforeTarget, new DateTimeOffset(2026, 12, 3, 2, 59, 0, TimeSpan.Zero).AddTicks(1234560));
        var refusal = new MarkerProofImpossible("orders", MarkerProblem.NotRestorable, marker, Window, TimeSpan.FromMinutes(10), null);

        var why = new AnswerWording(TextStyle.Plain).Why(refusal);

        Assert.Equal(
            "No drill of orders: its marker proof cannot be made. The archive did not reach the markers (committed 2026-12-03T02:59:00.123456Z) within 10m 00s; " +
            "the latest restorable time is 2026-12-03T02:55:00Z. WAL is not reaching the archive: check archiving before trusting a recovery.",
            why);
    }
}
