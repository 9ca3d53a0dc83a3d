using TeleDerm.Web.Components.Tests.Support;
using TeleDerm.Web.Features.Dashboard;

namespace TeleDerm.Web.Components.Tests.Dashboard;

/// <summary>The dashboard's SVG bar chart: a readable scale, bars in proportion, values written out for every reader.</summary>
public sealed class BarChartTests : ComponentTestContext
{
    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 1)]
    [InlineData(3, 5)]
    [InlineData(7, 10)]
    [InlineData(11, 20)]
    [InlineData(180, 200)]
    [InlineData(201, 500)]
    public void The_scale_tops_at_the_next_round_number(int max, int top) => Assert.Equal(top, BarChartLayout.RoundUp(max));

    [Fact]
    public void Bars_are_in_proportion_and_the_tallest_reaches_the_scale()
    {
        var layout = BarChartLayout.For([("a", 10), ("b", 5), ("c", 0)], 480, 200);

        Assert.Equal(layout.Bars[0].Height, 2 * layout.Bars[1].Height, precision: 6);
        Assert.Equal(0, layout.Bars[2].Height);
        Assert.Equal(BarChartLayout.Top, layout.Bars[0].Y, precision: 6);
        Assert.True(layout.Bars[1].X > layout.Bars[0].X + layout.Bars[0].Width, "bars must not overlap");
    }

    [Theory]
    [InlineData("en", "Cases: less than a day 1,200; 7 days or more 3")]
    [InlineData("fr", "Cases: less than a day 1\u202f200; 7 days or more 3")]
    public void The_chart_names_every_value_for_screen_readers_in_the_readers_number_format(string language, string expected)
    {
        UseLanguage(language);
        var chart = Context.Render<BarChart>(p => p
            .Add(c => c.Title, "Cases")
            .Add(c => c.Bars, [("less than a day", 1200), ("7 days or more", 3)]));

        Assert.Equal(expected, chart.Find("svg").GetAttribute("aria-label"));
        Assert.Equal(2, chart.FindAll("rect.bar").Count);
        Assert.Contains(chart.FindAll("text.value"), t => t.TextContent == (language == "fr" ? "1\u202f200" : "1,200"));
    }
}
