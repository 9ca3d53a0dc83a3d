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

    [Fact]
    public void The_outcomes_figure_counts_each_decision_against_the_previous_period_and_says_when_nothing_was_decided()
    {
        UseLanguage("en");
        var current = Figures(20, 0, within: 3, answered: 5) with
        {
            Outcomes = new OutcomeFigures(5, 2, new OutcomeCounts(3, 1, 0, 1, 0), new Dictionary<RiskBand, OutcomeCounts>()),
        };
        var outcomes = Context.Render<OutcomesFigure>(p => p.Add(f => f.Figures, new DashboardComparison(current, Figures(10, 0, 1, 2))).AddCascadingValue(Scope));

        var rows = outcomes.FindAll("[data-testid=table-outcomes] tbody tr").Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent).ToArray()).ToList();
        Assert.Equal(["Resolved remotely", "3", "2"], rows[0]); // this period, then the previous one
        Assert.Equal(["2", "1"], rows[^1][1..]); // asked the GP first
        Assert.Equal(Enum.GetValues<TeleDerm.Core.Answers.CaseOutcome>().Length, outcomes.FindAll("rect.bar").Count);

        UseLanguage("fr");
        var empty = Figures(0, 0, 0, 0) with { Outcomes = new OutcomeFigures(0, 0, OutcomeCounts.Zero, new Dictionary<RiskBand, OutcomeCounts>()) };
        var nothing = Context.Render<OutcomesFigure>(p => p.Add(f => f.Figures, new DashboardComparison(empty, empty)).AddCascadingValue(Scope));
        Assert.Contains("Aucune demande tranchée pendant cette période.", nothing.Markup, StringComparison.Ordinal);
        Assert.Empty(nothing.FindAll("rect.bar"));
    }

    [Fact]
    public void The_risk_figure_draws_ten_bars_and_lists_bands_highest_first_with_the_share_of_serious_decisions()
    {
        UseLanguage("fr");
        var byBand = new Dictionary<RiskBand, OutcomeCounts>
        {
            [RiskBand.Low] = new(8, 2, 0, 0, 0),
            [RiskBand.High] = new(1, 0, 1, 2, 0),
        };
        var current = Figures(20, 0, 3, 14) with { Outcomes = new OutcomeFigures(14, 0, new OutcomeCounts(9, 2, 1, 2, 0), byBand) };
        var risk = Context.Render<RiskFigure>(p => p.Add(f => f.Figures, new DashboardComparison(current, current)).AddCascadingValue(Scope));

        Assert.Equal(10, risk.FindAll("[data-testid=chart-risk] rect.bar").Count);
        Assert.Contains("1 demandes sans score.", risk.Markup, StringComparison.Ordinal);
        var bands = risk.FindAll("[data-testid=table-risk-bands] tbody tr").Select(r => r.QuerySelector("td")!.TextContent).ToList();
        Assert.Equal(["élevé", "faible"], bands);
        Assert.Contains("75", risk.FindAll("[data-testid=table-risk-bands] tbody tr")[0].TextContent, StringComparison.Ordinal); // 3 serious of 4 decided
    }

    [Fact]
    public void The_workload_tables_name_each_dermatologist_and_practice_with_their_counts()
    {
        UseLanguage("en");
        var workload = Context.Render<WorkloadTables>(p => p.Add(f => f.Figures, Comparison()).AddCascadingValue(Scope));

        Assert.Contains("Dr Léa Martin", workload.Find("[data-testid=table-dermatologists]").TextContent, StringComparison.Ordinal);
        Assert.Contains("100%", workload.Find("[data-testid=table-dermatologists]").TextContent, StringComparison.Ordinal);
        var practice = workload.Find("[data-testid=table-practices] tbody tr").TextContent;
        Assert.Contains("Cabinet du Parc", practice, StringComparison.Ordinal);
        Assert.Contains("1,234", practice, StringComparison.Ordinal);
    }
}
