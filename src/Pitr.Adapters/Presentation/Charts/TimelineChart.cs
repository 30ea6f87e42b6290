using ScottPlot;

namespace Pitr.Adapters.Presentation.Charts;

/// <summary>Draws <see cref="TimelineData"/> as a PNG: one horizontal bar per phase, in order, and the RTO budget as a line.</summary>
public static class TimelineChart
{
    public const int Width = 900;
    public const int Height = 360;

    public static byte[] Png(TimelineData data)
    {
        var plot = new Plot();
        var rows = data.Bars.Count;
        var bars = data.Bars.Select((bar, i) => new Bar
        {
            // First phase on top.
            Position = rows - 1 - i,
            ValueBase = bar.StartSeconds,
            Value = Math.Max(bar.EndSeconds, bar.StartSeconds + (data.TotalSeconds * 0.002)),
            FillColor = bar.Skipped ? Colors.LightGray : Colors.SteelBlue,
        }).ToList();
        plot.Add.Bars(bars).Horizontal = true;

        var budget = plot.Add.VerticalLine(data.BudgetSeconds);
        budget.Color = Colors.FireBrick;
        budget.LineWidth = 2;
        budget.LinePattern = LinePattern.Dashed;
        budget.LabelText = "RTO budget";

        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            [.. Enumerable.Range(0, rows).Select(i => (double)(rows - 1 - i))],
            [.. data.Bars.Select(b => b.Label)]);
        plot.Axes.SetLimitsX(0, Math.Max(data.BudgetSeconds, data.TotalSeconds) * 1.05);
        plot.Axes.SetLimitsY(-0.6, rows - 0.4);
        plot.Title(data.Title);
        plot.XLabel("seconds since the start command");
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }
}
