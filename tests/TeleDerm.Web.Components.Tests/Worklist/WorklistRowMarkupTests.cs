using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using TeleDerm.Core.Cases;
using TeleDerm.Web.Components.Tests.Support;
using TeleDerm.Web.Features.Worklist;

namespace TeleDerm.Web.Components.Tests.Worklist;

/// <summary>
/// A row's cells are written once and shared by every open worklist: shared only while everything they show is the same
/// (the row, its photos, its dermatologist, the language, the minute), and whatever they show escaped.
/// </summary>
public sealed class WorklistRowMarkupTests : ComponentTestContext
{
    private static readonly WorklistThumbnail Photo = new(ImageKind.Dermoscopic, "1.2.3", "1.2.3.4", "1.2.3.4.5");

    private WorklistRowMarkup Markup => Context.Services.GetRequiredService<WorklistRowMarkup>();

    private WorklistRow Row(CaseStatus status = CaseStatus.Submitted, string? assignee = null)
    {
        var now = Clock.GetUtcNow().UtcDateTime;
        return new WorklistRow(Guid.Parse("6f1c1d52-4a55-4f39-9d4c-52a0a3ee0a11"), "TD-SHARED", 61, Sex.Male, 1, 1, 0.7, Urgency.Urgent, status,
            now.AddMinutes(-5), now.AddHours(23), now, assignee);
    }

    [Fact]
    public void Two_worklists_showing_the_same_row_in_the_same_language_share_one_string()
    {
        UseLanguage("en");

        var first = Markup.Cells(Row(), [Photo], null, new RiskBands());
        var second = Markup.Cells(Row(), [Photo with { }], null, new RiskBands());

        Assert.Same(first.Value, second.Value);
    }

    [Fact]
    public void A_change_of_the_row_its_photos_or_its_dermatologist_writes_it_again()
    {
        UseLanguage("en");
        var shown = Markup.Cells(Row(), [Photo], null, new RiskBands()).Value;

        var claimed = Markup.Cells(Row(CaseStatus.Claimed, "derm-1"), [Photo], "Dr Ana Costa", new RiskBands()).Value;
        var newPhoto = Markup.Cells(Row(), [Photo, Photo with { SopInstanceUid = "1.2.3.4.6" }], null, new RiskBands()).Value;

        Assert.Contains("Dr Ana Costa", claimed, StringComparison.Ordinal);
        Assert.Contains(">Claimed<", claimed, StringComparison.Ordinal);
        Assert.Equal(2, Cells(newPhoto).QuerySelectorAll("img[data-testid=thumbnail-TD-SHARED]").Length);
        Assert.Single(Cells(shown).QuerySelectorAll("img"));
    }

    [Fact]
    public void Each_language_has_its_own_and_the_waiting_time_moves_with_the_clock()
    {
        UseLanguage("en");
        var english = Markup.Cells(Row(), [Photo], null, new RiskBands()).Value;
        UseLanguage("fr");
        var french = Markup.Cells(Row(), [Photo], null, new RiskBands()).Value;

        Assert.Contains("Urgent", english, StringComparison.Ordinal);
        Assert.Contains("0,70 élevé", french, StringComparison.Ordinal);

        var row = Row();
        UseLanguage("en");
        Assert.Equal("5 min", Cells(Markup.Cells(row, [], null, new RiskBands()).Value).QuerySelector(".waited")!.TextContent);
        Clock.Advance(TimeSpan.FromMinutes(7));
        Assert.Equal("12 min", Cells(Markup.Cells(row, [], null, new RiskBands()).Value).QuerySelector(".waited")!.TextContent);
    }

    [Fact]
    public void A_display_name_written_as_markup_is_shown_as_text_never_run()
    {
        UseLanguage("en");
        const string hostile = "<img src=x onerror=alert(1)>\"Dr\" & <b>Evil</b>";

        var html = Markup.Cells(Row(CaseStatus.Claimed, "derm-evil"), [Photo], hostile, new RiskBands()).Value;

        var cells = Cells(html);
        Assert.Equal(hostile, cells.QuerySelector("[data-testid=assignee-TD-SHARED]")!.TextContent);
        Assert.Single(cells.QuerySelectorAll("img"));
        Assert.Empty(cells.QuerySelectorAll("b"));
    }

    [Fact]
    public void The_grid_shows_the_shared_cells_and_its_own_actions_in_each_row()
    {
        UseLanguage("en");
        var row = Row();

        var grid = Context.Render<WorklistGrid>(p => p.Add(g => g.Rows, [row]).Add(g => g.CanClaim, true));

        var cells = grid.FindAll("tbody tr td");
        Assert.Equal(9, cells.Count);
        Assert.Equal("TD-SHARED", grid.Find("[data-testid=case-TD-SHARED]").TextContent);
        Assert.Single(grid.FindAll("[data-testid=claim-TD-SHARED]"));
        Assert.Same(Markup.Cells(row, [], null, new RiskBands()).Value, Markup.Cells(row, [], null, new RiskBands()).Value);
    }

    /// <summary>The cells as a browser parses them inside a table row.</summary>
    private static AngleSharp.Dom.IElement Cells(string html) =>
        new HtmlParser().ParseDocument($"<table><tbody><tr>{html}</tr></tbody></table>").QuerySelector("tr")!;
}
