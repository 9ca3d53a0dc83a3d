using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TeleDerm.Core.Cases;
using TeleDerm.Core.Dashboard;
using TeleDerm.Web.Components.Tests.Support;
using TeleDerm.Web.Features.Dashboard;
using TeleDerm.Web.Hosting;

namespace TeleDerm.Web.Components.Tests.Dashboard;

/// <summary>Each dashboard figure shows its numbers, says which cases it counts, and reads in the user's language.</summary>
public sealed class DashboardFiguresTests : ComponentTestContext
{
    public DashboardFiguresTests()
    {
        Context.Services.AddSingleton(new ClinicalTime(Options.Create(new TeleDermOptions { TimeZone = "Europe/Paris" })));
    }

    private static DashboardFigures Figures(int received, int overdue, int within, int answered) => new(
        new DashboardPeriod(new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc)),
        new VolumeFigures(received, answered, 0, 0),
        new BacklogFigures(new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc), 9, 2, 3, 1, 3, overdue),
        new DurationStats(answered, TimeSpan.FromHours(20), TimeSpan.FromHours(60)),
        new DurationStats(answered, TimeSpan.FromHours(30), TimeSpan.FromDays(4)),
        [new ServiceLevelRow(Urgency.Urgent, TimeSpan.FromHours(24), answered, within)],
        new OutcomeFigures(answered, 1, new OutcomeCounts(answered, 0, 0, 0, 0), new Dictionary<RiskBand, OutcomeCounts>()),
        [new DermatologistRow("d1", "Dr Léa Martin", answered, within, DurationStats.None)],
        [new PracticeRow(Guid.NewGuid(), "Cabinet du Parc", received, answered)],
        new RiskDistribution([1, 0, 0, 0, 0, 0, 0, 0, 2, 0], 1));

    private static readonly DashboardScope Scope = new(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30), null);

    private static DashboardComparison Comparison() => new(Figures(1234, 6, within: 4, answered: 4), Figures(10, 1, within: 1, answered: 2));

    [Fact]
    public void Headlines_show_each_figure_with_the_previous_period_and_what_it_counts()
    {
        UseLanguage("en");
        var headlines = Context.Render<DashboardHeadlines>(p => p.Add(h => h.Figures, Comparison()).AddCascadingValue(Scope));

        Assert.Equal("1,234", headlines.Find("[data-testid=kpi-received-value]").TextContent);
        Assert.Contains("Previous period: 10", headlines.Find("[data-testid=kpi-received]").TextContent, StringComparison.Ordinal);
        // 100 % within the service level beside 6 past it: each says which cases it counts, so they do not contradict.
        Assert.Equal("100%", headlines.Find("[data-testid=kpi-within-value]").TextContent);
        Assert.Contains("Of the cases answered in the period", headlines.Find("[data-testid=kpi-within]").TextContent, StringComparison.Ordinal);
        Assert.Equal("6", headlines.Find("[data-testid=kpi-overdue-value]").TextContent);
        Assert.Contains("Open cases, at the end of the period", headlines.Find("[data-testid=kpi-overdue]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void A_drill_down_button_reports_which_cases_to_list()
    {
        UseLanguage("en");
        DrillDownSet? asked = null;
        var headlines = Context.Render<DashboardHeadlines>(p => p.Add(h => h.Figures, Comparison()).AddCascadingValue(Scope).Add(h => h.Drill, (DrillDownSet set) => asked = set));

        headlines.Find("[data-testid=drill-overdue]").Click();

        Assert.Equal(DrillDownSet.Overdue, asked);
    }

    [Fact]
    public void In_French_numbers_durations_and_labels_are_French()
    {
        UseLanguage("fr");
        var headlines = Context.Render<DashboardHeadlines>(p => p.Add(h => h.Figures, Comparison()).AddCascadingValue(Scope));
        var turnaround = Context.Render<TurnaroundFigure>(p => p.Add(f => f.Figures, Comparison()).AddCascadingValue(Scope));

        Assert.Equal("1\u202f234", headlines.Find("[data-testid=kpi-received-value]").TextContent);
        Assert.Contains("Hors délai", headlines.Markup, StringComparison.Ordinal);
        Assert.Contains("30 h", turnaround.Find("[data-testid=table-turnaround]").TextContent, StringComparison.Ordinal);
        Assert.Contains("4 jours", turnaround.Find("[data-testid=table-turnaround]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void The_backlog_figure_draws_one_bar_per_age_and_the_table_beside_it()
    {
        UseLanguage("en");
        var backlog = Context.Render<BacklogFigure>(p => p.Add(f => f.Figures, Comparison()).AddCascadingValue(Scope));

        Assert.Equal(4, backlog.FindAll("rect.bar").Count);
        Assert.Equal(5, backlog.FindAll("[data-testid=table-backlog] tbody tr").Count);
        Assert.NotNull(backlog.Find("[data-testid=table-backlog]").Closest(".table-scroll[tabindex='0']"));
        Assert.Equal("dashboard/export/backlog.csv?from=2026-11-01&to=2026-11-30", backlog.Find("[data-testid=csv-backlog]").GetAttribute("href"));
    }
}
