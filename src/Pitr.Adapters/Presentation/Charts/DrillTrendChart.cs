using ScottPlot;

namespace Pitr.Adapters.Presentation.Charts;

/// <summary>Draws <see cref="DrillTrendData"/> as a PNG: one stacked column per drill, a colour per phase, the RTO budget as a line.</summary>
public static class DrillTrendChart
{
    public const int Width = 900;
    public const int Height = 420;

    public static byte[] Png(DrillTrendData data)
    {
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        var tops = new double[data.Columns.Count];
        foreach (var (series, index) in data.Series.Select((s, i) => (s, i)))
        {
            var color = palette.GetColor(index);
            var bars = series.Seconds.Select((seconds, column) => new Bar
            {
                Position = column,
                ValueBase = tops[column],
                Value = tops[column] + seconds,
                FillColor = color,
            }).ToList();
            for (var column = 0; column < tops.Length; column++)
            {
                tops[column] += series.Seconds[column];
            }

            plot.Add.Bars(bars);
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = series.Phase, FillColor = color });
        }

        var budget = plot.Add.HorizontalLine(data.BudgetSeconds);
        budget.Color = Colors.FireBrick;
        budget.LineWidth = 2;
        budget.LinePattern = LinePattern.Dashed;
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "RTO budget", LineColor = Colors.FireBrick, LineWidth = 2, LinePattern = LinePattern.Dashed });

        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            [.. Enumerable.Range(0, data.Columns.Count).Select(i => (double)i)], [.. data.Columns]);
        plot.Axes.Bottom.TickLabelStyle.Rotation = 45;
        plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleLeft;
        plot.Axes.Bottom.MinimumSize = 90;
        plot.Axes.SetLimitsX(-0.6, Math.Max(data.Columns.Count, 1) - 0.4);
        plot.Axes.SetLimitsY(0, Math.Max(data.BudgetSeconds, tops.DefaultIfEmpty(0).Max()) * 1.1);
        plot.ShowLegend(Edge.Right);
        plot.Title(data.Title);
        plot.YLabel("seconds from the start command");
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }
}
