namespace TeleDerm.Web.Features.Dashboard;

/// <summary>
/// Where each bar of a <c>BarChart</c> goes. The scale's top is the next "round" number (1, 2 or 5 × 10ⁿ) at or above
/// the largest value, so that the three grid lines fall on numbers a reader can use.
/// </summary>
public static class BarChartLayout
{
    public const double Left = 36, Top = 14, Bottom = 22;

    public static ChartLayout For(IReadOnlyList<(string Label, int Value)> bars, int width, int height)
    {
        var top = RoundUp(bars.Count == 0 ? 0 : bars.Max(b => b.Value));
        var plotHeight = height - Top - Bottom;
        var slot = bars.Count == 0 ? 0 : (width - Left) / bars.Count;
        double YOf(double value) => Top + plotHeight * (1 - value / top);
        var placed = bars.Select((b, i) => new PlacedBar(b.Label, b.Value, Left + i * slot + slot * 0.15, YOf(b.Value), slot * 0.7, plotHeight * b.Value / top)).ToList();
        var ticks = new[] { 0, top / 2.0, top }.Select(v => new Tick(v, YOf(v))).ToList();
        return new ChartLayout(placed, ticks);
    }

    /// <summary>1, 2, 5, 10, 20, 50…: the smallest such number at or above <paramref name="max"/> (1 for an empty chart).</summary>
    public static int RoundUp(int max)
    {
        var step = 1;
        while (true)
        {
            foreach (var factor in new[] { 1, 2, 5 })
            {
                if (factor * step >= max)
                {
                    return factor * step;
                }
            }
            step *= 10;
        }
    }
}

public sealed record ChartLayout(IReadOnlyList<PlacedBar> Bars, IReadOnlyList<Tick> Ticks);

public sealed record PlacedBar(string Label, int Value, double X, double Y, double Width, double Height);

public sealed record Tick(double Value, double Y);
