using System.Buffers.Binary;
using Pitr.Adapters.Presentation;
using Pitr.Adapters.Presentation.Charts;
using Pitr.Domain.Recoveries;
using Pitr.Domain.Recoveries.Trend;

namespace Pitr.Adapters.Tests.Presentation;

/// <summary>The drill trend chart: its data checked exactly (golden), its drawing checked as a PNG of the promised size; and its words.</summary>
public sealed class DrillTrendChartTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Three drills, newest first: a failed restore yesterday, a pass two days ago, a slow pass (over budget) three days ago.</summary>
    private static DrillTrend Trend() => DrillTrend.Of("orders",
        [
            Run("d3", 1, RecoveryState.Failed, passed: false, (RecoveryPhase.Confirmation, 1), (RecoveryPhase.Restore, 61.5)),
            Run("d2", 2, RecoveryState.Completed, passed: true, (RecoveryPhase.Confirmation, 2), (RecoveryPhase.Restore, 240), (RecoveryPhase.Validation, 12.25), (RecoveryPhase.Approval, 0)),
            Run("d1", 3, RecoveryState.Completed, passed: true, (RecoveryPhase.Confirmation, 3), (RecoveryPhase.Restore, 930), (RecoveryPhase.Validation, 20), (RecoveryPhase.Approval, 0)),
        ], Now);

    private static DrillRun Run(string id, int daysAgo, RecoveryState outcome, bool passed, params (RecoveryPhase Phase, double Seconds)[] phases)
    {
        var start = Now.AddDays(-daysAgo);
        var rto = TimeSpan.FromSeconds(phases.Sum(p => p.Seconds));
        return new DrillRun(id, start, start + rto, outcome, passed, rto, [.. phases.Select(p => new PhaseDuration(p.Phase, TimeSpan.FromSeconds(p.Seconds)))],
            null, TimeSpan.FromMinutes(1), id == "d1" ? Actor.Bot : new Actor("U1", "alice"));
    }

    [Fact]
    public void Stacks_each_drills_phases_oldest_first_against_the_fifteen_minute_budget()
    {
        var data = DrillTrendData.From(Trend());

        Assert.Equal("Drills of orders: RTO p50 4m 14s, p90 15m 53s of 15m 00s", data.Title);
        Assert.Equal(900, data.BudgetSeconds);
        Assert.Equal(["11-30 12:00", "12-01 12:00", "12-02 12:00 FAIL"], data.Columns);
        Assert.Equal(
            [
                new PhaseSeries("confirmation", [3, 2, 1]),
                new PhaseSeries("restore", [930, 240, 61.5]),
                new PhaseSeries("validation", [20, 12.25, 0]),
            ],
            data.Series,
            (a, b) => a.Phase == b.Phase && a.Seconds.SequenceEqual(b.Seconds));
    }

    [Fact]
    public void Draws_a_png_of_the_size_slack_is_sent()
    {
        var png = DrillTrendChart.Png(DrillTrendData.From(Trend()));

        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A], png[..8]);
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(png, 12, 4));
        Assert.Equal(DrillTrendChart.Width, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)));
        Assert.Equal(DrillTrendChart.Height, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4)));
        Assert.True(png.Length > 5_000, $"a chart with three stacked columns and a legend, not a blank image ({png.Length} bytes)");
        using var decoded = SkiaSharp.SKBitmap.Decode(png);
        Assert.Equal((DrillTrendChart.Width, DrillTrendChart.Height), (decoded.Width, decoded.Height));
    }

    [Fact]
    public void Words_the_percentiles_the_days_since_the_last_pass_and_each_drill()
    {
        var text = new DrillTrendWording(TextStyle.Plain).Database(Trend());

        Assert.Equal(
            """
            orders: 3 drills, RTO p50 4m 14s, p90 15m 53s (budget 15m 00s); last pass 1 day ago (2026-12-01T12:04:14Z)
            • 2026-12-02T12:00:00Z ✗ FAIL RTO 1m 02s: confirmation 1.0s, restore 1m 01s; lag 1m 00s; by @alice d3
            • 2026-12-01T12:00:00Z ✓ pass RTO 4m 14s: confirmation 2.0s, restore 4m 00s, validation 12.3s, approval 0.0s; lag 1m 00s; by @alice d2
            • 2026-11-30T12:00:00Z ✓ pass RTO 15m 53s (over budget): confirmation 3.0s, restore 15m 30s, validation 20.0s, approval 0.0s; lag 1m 00s; by @pitr-bot d1
            """,
            text);
    }
}
