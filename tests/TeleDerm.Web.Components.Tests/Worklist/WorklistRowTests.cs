using TeleDerm.Core.Cases;
using TeleDerm.Web.Components.Tests.Support;
using TeleDerm.Web.Features.Worklist;

namespace TeleDerm.Web.Components.Tests.Worklist;

/// <summary>A worklist row and its badges: risk band in words, time left or late, who claimed it, the action it offers.</summary>
public sealed class WorklistRowTests : ComponentTestContext
{
    private const string Me = "derm-me", Colleague = "derm-colleague";

    private WorklistRow Row(string reference, double? risk = 0.82, CaseStatus status = CaseStatus.Submitted, string? assignee = null,
        TimeSpan? waited = null, TimeSpan? dueIn = null)
    {
        var now = Clock.GetUtcNow().UtcDateTime;
        return new WorklistRow(Guid.NewGuid(), reference, 54, Sex.Female, 1, 3, risk, Urgency.Urgent, status,
            now - (waited ?? TimeSpan.FromHours(3)), now + (dueIn ?? TimeSpan.FromHours(21)), now, assignee);
    }

    private IRenderedComponent<WorklistGrid> Grid(params WorklistRow[] rows) => Context.Render<WorklistGrid>(p => p
        .Add(g => g.Rows, rows)
        .Add(g => g.UserId, Me)
        .Add(g => g.CanClaim, true)
        .Add(g => g.Names, new Dictionary<string, string> { [Me] = "Dr Me", [Colleague] = "Dr Léa Martin" }));

    [Theory]
    [InlineData("en", 0.82, "0.82 high")]
    [InlineData("en", 0.45, "0.45 intermediate")]
    [InlineData("en", 0.05, "0.05 low")]
    [InlineData("en", null, "— not scored")]
    [InlineData("fr", 0.82, "0,82 élevé")]
    [InlineData("fr", null, "— non évalué")]
    public void The_risk_badge_says_the_band_in_words_in_the_readers_language(string language, double? score, string expected)
    {
        UseLanguage(language);
        var badge = Context.Render<RiskBadge>(p => p.Add(b => b.Score, score).Add(b => b.Band, new RiskBands().BandOf(score)).Add(b => b.TestId, "risk"));

        Assert.Equal(expected, badge.Find("[data-testid=risk]").TextContent.Trim());
        Assert.Contains($"risk-{new RiskBands().BandOf(score)}", badge.Find("span").ClassName, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en", "follow-up")]
    [InlineData("fr", "suivi")]
    public void A_follow_up_request_is_marked_and_a_first_request_is_not(string language, string expected)
    {
        UseLanguage(language);
        var grid = Grid(Row("TD-FIRST"), Row("TD-AGAIN") with { IsFollowUp = true });

        Assert.Equal(expected, grid.Find("[data-testid=follow-up-TD-AGAIN]").TextContent.Trim());
        Assert.Empty(grid.FindAll("[data-testid=follow-up-TD-FIRST]"));
    }

    [Theory]
    [InlineData("en", 21, "due in 21 h")]
    [InlineData("en", -50, "overdue by 2 days")]
    [InlineData("fr", 21, "dans 21 h")]
    public void Time_left_reads_as_due_or_overdue(string language, int hoursLeft, string expected)
    {
        UseLanguage(language);
        var grid = Grid(Row("TD-WAIT", waited: TimeSpan.FromMinutes(40), dueIn: TimeSpan.FromHours(hoursLeft)));

        var due = grid.Find("[data-testid=due-TD-WAIT]");
        Assert.Contains(expected, due.TextContent, StringComparison.Ordinal);
        Assert.Equal(hoursLeft < 0 ? "overdue" : "due", due.ClassName);
        Assert.Contains("40 min", grid.Find(".waited").TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.82, "0.82 high")]
    [InlineData(null, "— not scored")]
    public void A_row_shows_the_same_risk_badge_as_the_case_page(double? score, string expected)
    {
        UseLanguage("en");
        var grid = Grid(Row("TD-RISK", risk: score));

        var badge = grid.Find("[data-testid=risk-TD-RISK]");
        Assert.Equal(expected, badge.TextContent.Trim());
        Assert.Contains($"risk-{new RiskBands().BandOf(score)}", badge.ClassName, StringComparison.Ordinal);
    }

    [Fact]
    public void A_new_case_offers_claim_mine_offers_release_and_a_colleagues_shows_their_name_without_an_action()
    {
        UseLanguage("en");
        var grid = Grid(
            Row("TD-NEW"),
            Row("TD-MINE", status: CaseStatus.Claimed, assignee: Me),
            Row("TD-THEIRS", status: CaseStatus.InReview, assignee: Colleague));

        Assert.Single(grid.FindAll("[data-testid=claim-TD-NEW]"));
        Assert.Empty(grid.FindAll("[data-testid=release-TD-NEW]"));
        Assert.Single(grid.FindAll("[data-testid=release-TD-MINE]"));
        Assert.Empty(grid.FindAll("[data-testid=claim-TD-THEIRS], [data-testid=release-TD-THEIRS]"));
        Assert.Equal("Dr Léa Martin", grid.Find("[data-testid=assignee-TD-THEIRS]").TextContent);
        Assert.Equal("In review", grid.Find("[data-testid=status-TD-THEIRS]").TextContent);
    }

    [Fact]
    public void Claiming_from_the_row_reports_that_row()
    {
        UseLanguage("en");
        WorklistRow? claimed = null;
        var row = Row("TD-NEW");
        var grid = Context.Render<WorklistGrid>(p => p
            .Add(g => g.Rows, [row])
            .Add(g => g.CanClaim, true)
            .Add(g => g.Claim, (WorklistRow r) => claimed = r));

        grid.Find("[data-testid=claim-TD-NEW]").Click();

        Assert.Equal(row, claimed);
    }

    [Fact]
    public void An_administrator_who_cannot_claim_sees_no_claim_button()
    {
        UseLanguage("en");
        var grid = Context.Render<WorklistGrid>(p => p.Add(g => g.Rows, [Row("TD-NEW")]).Add(g => g.CanClaim, false));

        Assert.Empty(grid.FindAll("[data-testid=claim-TD-NEW]"));
    }

    [Theory]
    [InlineData("en", "1 lesion · 3 photos")]
    [InlineData("fr", "1 lésion · 3 photos")]
    public void Lesions_and_photos_are_counted_in_words(string language, string expected)
    {
        UseLanguage(language);
        var grid = Grid(Row("TD-NEW"));

        Assert.Equal(expected, grid.Find(".photo-count").TextContent);
    }
}
