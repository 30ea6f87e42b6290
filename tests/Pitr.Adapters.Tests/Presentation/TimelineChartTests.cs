using System.Buffers.Binary;
using Pitr.Adapters.Presentation.Charts;
using Pitr.Domain.Ports;
using Pitr.Domain.Recoveries;

namespace Pitr.Adapters.Tests.Presentation;

/// <summary>The timeline chart: its data checked exactly (golden), its drawing checked as a PNG of the promised size.</summary>
public sealed class TimelineChartTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 3, 13, 42, 0, TimeSpan.Zero);

    /// <summary>A completed recovery: 2 s to confirm, 40 s restore, 5 s validation, 3 min approval, 1 s secret, no workloads, no probe.</summary>
    private static RecoveryReport Completed()
    {
        var at = Start;
        var phases = new List<PhaseEntry>();
        foreach (var (state, seconds) in new[] { (RecoveryState.Requested, 2.0), (RecoveryState.Restoring, 40.0), (RecoveryState.Validating, 5.0), (RecoveryState.AwaitingApproval, 180.0), (RecoveryState.CuttingOver, 1.0), (RecoveryState.Restarting, 0.25), (RecoveryState.Verifying, 0.125) })
        {
            phases.Add(new PhaseEntry(state, at));
            at = at.AddSeconds(seconds);
        }

        phases.Add(new PhaseEntry(RecoveryState.Completed, at));
        var snapshot = new RecoverySnapshot("k3m9qz", "orders", RecoveryMode.Recovery, RecoveryState.Completed, 9, new Actor("U1", "alice"), "C1", Start, null,
            new RestorableWindow(Start.AddDays(-7), Start), "orders-prod", AutoApprove: false)
        {
            Attempts = [new RestoreAttempt(1, Start.AddMinutes(-10), "pitr-k3m9qz-a1")],
            Phases = phases,
            Rollout = new RolloutReport([]) { Skipped = true },
            Health = new HealthReport(true, []) { Skipped = true },
            CompletedAt = at,
        };
        return RecoveryReport.From(snapshot, [], at);
    }

    [Fact]
    public void Lays_each_phase_after_the_previous_one_against_the_fifteen_minute_budget()
    {
        var data = TimelineData.From(Completed());

        Assert.Equal("Recovery k3m9qz of orders: Completed, RTO 3m 48s of 15m 00s", data.Title);
        Assert.Equal(900, data.BudgetSeconds);
        Assert.Equal(228.375, data.TotalSeconds);
        Assert.Equal(
            [
                new TimelineBar("confirmation 2.0s", 0, 2, false),
                new TimelineBar("restore 40.0s", 2, 42, false),
                new TimelineBar("validation 5.0s", 42, 47, false),
                new TimelineBar("approval 3m 00s", 47, 227, false),
                new TimelineBar("secret 1.0s", 227, 228, false),
                new TimelineBar("rollout skipped (no workloads configured)", 228, 228.25, true),
                new TimelineBar("health skipped (no health probe configured)", 228.25, 228.375, true),
            ],
            data.Bars);
    }

    [Fact]
    public void Draws_a_png_of_the_size_slack_is_sent()
    {
        var png = TimelineChart.Png(TimelineData.From(Completed()));

        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A], png[..8]);
        Assert.Equal(TimelineChart.Width, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)));
        Assert.Equal(TimelineChart.Height, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4)));
        Assert.True(png.Length > 5_000, $"a chart with seven bars and labels, not a blank image ({png.Length} bytes)");
    }
}
