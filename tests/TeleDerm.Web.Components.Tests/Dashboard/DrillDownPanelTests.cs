using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TeleDerm.Core.Cases;
using TeleDerm.Core.Dashboard;
using TeleDerm.Web.Components.Tests.Support;
using TeleDerm.Web.Features.Dashboard;
using TeleDerm.Web.Hosting;

namespace TeleDerm.Web.Components.Tests.Dashboard;

/// <summary>The cases behind a figure: a link only where the reader may open the case, times in the department's zone, and a word when the list is cut.</summary>
public sealed class DrillDownPanelTests : ComponentTestContext
{
    public DrillDownPanelTests()
    {
        Context.Services.AddSingleton(new ClinicalTime(Options.Create(new TeleDermOptions { TimeZone = "Europe/Paris" })));
    }

    private static readonly DateTime Submitted = new(2026, 12, 5, 9, 0, 0, DateTimeKind.Utc);

    private static DrillDownRow Row(string reference, bool canOpen, double? risk = null, DateTime? answered = null) =>
        new(Guid.NewGuid(), reference, Urgency.Urgent, answered is null ? CaseStatus.Submitted : CaseStatus.Answered, Submitted,
            answered, Submitted.AddHours(24), risk, canOpen);

    private IRenderedComponent<DrillDownPanel> Panel(DrillDownList list, Action? close = null) =>
        Context.Render<DrillDownPanel>(p => p.Add(d => d.List, list).Add(d => d.Set, DrillDownSet.Overdue).Add(d => d.Close, () => close?.Invoke()));

    [Fact]
    public void A_case_the_reader_may_open_is_a_link_and_one_they_may_not_is_only_its_reference()
    {
        UseLanguage("en");
        var open = Row("TD-2026-000001", canOpen: true, risk: 0.734);
        var closed = Row("TD-2026-000002", canOpen: false);
        var panel = Panel(new DrillDownList([open, closed], 2));

        var link = panel.Find("[data-testid=drill-row-TD-2026-000001] a");
        Assert.Equal($"cases/{open.CaseId}", link.GetAttribute("href"));
        Assert.Empty(panel.FindAll("[data-testid=drill-row-TD-2026-000002] a"));
        Assert.Contains("TD-2026-000002", panel.Find("[data-testid=drill-row-TD-2026-000002]").TextContent, StringComparison.Ordinal);
        Assert.Contains("0.73", panel.Find("[data-testid=drill-row-TD-2026-000001]").TextContent, StringComparison.Ordinal);
        Assert.Contains("—", panel.Find("[data-testid=drill-row-TD-2026-000002]").TextContent, StringComparison.Ordinal);
        Assert.Empty(panel.FindAll(".notice")); // the whole list is shown
    }

    [Fact]
    public void A_cut_list_says_how_many_of_how_many_and_reads_in_French_in_the_departments_time()
    {
        UseLanguage("fr");
        var panel = Panel(new DrillDownList([Row("TD-2026-000003", canOpen: true, risk: 0.5, answered: Submitted.AddHours(3))], 240));

        Assert.Equal("Les 1 premières demandes sur 240.", panel.Find(".notice").TextContent);
        Assert.Contains("Demandes en attente hors délai", panel.Find("h2").TextContent, StringComparison.Ordinal);
        var row = panel.Find("[data-testid=drill-row-TD-2026-000003]").TextContent;
        Assert.Contains("5 déc. 2026 10:00", row, StringComparison.Ordinal); // 09:00 UTC is 10:00 in Paris
        Assert.Contains("5 déc. 2026 13:00", row, StringComparison.Ordinal);
        Assert.Contains("0,50", row, StringComparison.Ordinal);
    }

    [Fact]
    public void Close_reports_itself()
    {
        UseLanguage("en");
        var closed = 0;
        var panel = Panel(new DrillDownList([], 0), () => closed++);

        panel.Find("h2 button").Click();

        Assert.Equal(1, closed);
    }
}
