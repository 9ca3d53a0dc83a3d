using Microsoft.Playwright;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Cases;
using TeleDerm.Testing;

namespace TeleDerm.Browser.Tests;

public sealed class WorklistJourneys(BrowserApp app) : IClassFixture<BrowserApp>
{
    private async Task<IPage> OpenWorklistAsync(TestAccount dermatologist)
    {
        var page = await app.NewPageAsync();
        await SignInSteps.SignInAsync(page, dermatologist);
        await page.GetByRole(AriaRole.Link, new() { Name = "Worklist" }).First.ClickAsync();
        await page.WaitForURLAsync("**/worklist");
        await SignInSteps.WaitForInteractiveAsync(page);
        await page.GetByTestId("worklist").WaitForAsync();
        return page;
    }

    [Fact]
    public async Task A_new_case_appears_in_two_worklists_and_a_claim_shows_in_the_other_without_reload()
    {
        var gp = await TestAccounts.CreateAsync(app.Services, Roles.GP);
        var hugo = await TestAccounts.CreateAsync(app.Services, Roles.Dermatologist);
        var lea = await TestAccounts.CreateAsync(app.Services, Roles.Dermatologist);
        var hugoPage = await OpenWorklistAsync(hugo);
        var leaPage = await OpenWorklistAsync(lea);

        var @case = await TestCases.CreateSubmittedAsync(app.Services, gp.Id, Urgency.Urgent, risk: 0.82);

        await hugoPage.GetByTestId($"case-{@case.Reference}").WaitForAsync();
        await leaPage.GetByTestId($"case-{@case.Reference}").WaitForAsync();
        Assert.Equal("0.82 high", await leaPage.GetByTestId($"risk-{@case.Reference}").InnerTextAsync());

        await hugoPage.GetByTestId($"claim-{@case.Reference}").ClickAsync();
        await hugoPage.GetByTestId($"release-{@case.Reference}").WaitForAsync();

        var status = leaPage.GetByTestId($"status-{@case.Reference}");
        await Assertions.Expect(status).ToHaveTextAsync("Claimed");
        await Assertions.Expect(leaPage.GetByTestId($"assignee-{@case.Reference}")).ToHaveTextAsync("Test Dermatologist");
        Assert.Equal(0, await leaPage.GetByTestId($"claim-{@case.Reference}").CountAsync());
        await leaPage.ScreenshotAsync(new() { Path = BrowserApp.ScreenshotPath("worklist-claimed-by-colleague"), FullPage = true });
    }

    [Fact]
    public async Task While_the_pointer_is_on_the_rows_a_new_case_waits_behind_a_bar_and_goes_straight_in_once_it_is_not()
    {
        var gp = await TestAccounts.CreateAsync(app.Services, Roles.GP);
        var dermatologist = await TestAccounts.CreateAsync(app.Services, Roles.Dermatologist);
        var shown = await TestCases.CreateSubmittedAsync(app.Services, gp.Id, Urgency.Routine, risk: 0.2);
        var page = await OpenWorklistAsync(dermatologist);
        await page.GetByTestId($"case-{shown.Reference}").HoverAsync();
        await page.Locator("[data-user-on-rows=true]").WaitForAsync(); // the page knows

        var held = await TestCases.CreateSubmittedAsync(app.Services, gp.Id, Urgency.Urgent, risk: 0.9);

        await page.GetByTestId("new-cases-bar").WaitForAsync();
        Assert.Equal(0, await page.GetByTestId($"case-{held.Reference}").CountAsync()); // no row moved under the pointer
        await page.GetByTestId("show-new-cases").ClickAsync();
        await page.GetByTestId($"case-{held.Reference}").WaitForAsync();

        await page.Mouse.MoveAsync(0, 0);
        await page.Locator("[data-user-on-rows=false]").WaitForAsync();
        var straightIn = await TestCases.CreateSubmittedAsync(app.Services, gp.Id, Urgency.Urgent, risk: 0.95);
        await page.GetByTestId($"case-{straightIn.Reference}").WaitForAsync();
        Assert.Equal(0, await page.GetByTestId("new-cases-bar").CountAsync());
    }

    [Fact]
    public async Task The_worklist_puts_the_most_pressing_case_first_and_filters_by_risk()
    {
        var gp = await TestAccounts.CreateAsync(app.Services, Roles.GP);
        var dermatologist = await TestAccounts.CreateAsync(app.Services, Roles.Dermatologist);
        var routine = await TestCases.CreateSubmittedAsync(app.Services, gp.Id, Urgency.Routine, risk: 0.12, submittedAgo: TimeSpan.FromHours(2), publish: false);
        var overdue = await TestCases.CreateSubmittedAsync(app.Services, gp.Id, Urgency.Soon, risk: 0.4, submittedAgo: TimeSpan.FromDays(4), publish: false);
        var page = await OpenWorklistAsync(dermatologist);
        await page.GetByTestId($"case-{routine.Reference}").WaitForAsync();
        await page.GetByTestId($"case-{overdue.Reference}").WaitForAsync();

        var references = await page.Locator("[data-testid^=case-]").AllInnerTextsAsync();
        Assert.True(references.ToList().IndexOf(overdue.Reference) < references.ToList().IndexOf(routine.Reference));
        Assert.Contains("overdue by", await page.Locator("tr", new() { Has = page.GetByTestId($"case-{overdue.Reference}") }).InnerTextAsync(), StringComparison.Ordinal);
        await page.ScreenshotAsync(new() { Path = BrowserApp.ScreenshotPath("worklist"), FullPage = true });

        await SelectSteps.ChooseByLabelAsync(page, "Risk", "Low");
        await Assertions.Expect(page.GetByTestId($"case-{overdue.Reference}")).ToHaveCountAsync(0);
        await page.GetByTestId($"case-{routine.Reference}").WaitForAsync();
    }

    [Fact]
    public async Task The_worklist_is_used_from_the_keyboard_move_claim_and_open()
    {
        var gp = await TestAccounts.CreateAsync(app.Services, Roles.GP);
        var dermatologist = await TestAccounts.CreateAsync(app.Services, Roles.Dermatologist);
        var first = await TestCases.CreateSubmittedAsync(app.Services, gp.Id, Urgency.Urgent, risk: 0.9, submittedAgo: TimeSpan.FromDays(3), publish: false);
        var second = await TestCases.CreateSubmittedAsync(app.Services, gp.Id, Urgency.Urgent, risk: 0.85, submittedAgo: TimeSpan.FromDays(2), publish: false);
        var page = await OpenWorklistAsync(dermatologist);
        var rows = page.Locator("tr", new() { Has = page.Locator("a[data-testid^=case-]") });
        await Assertions.Expect(rows.First).ToHaveAttributeAsync("tabindex", "0");
        var references = await page.Locator("a[data-testid^=case-]").AllInnerTextsAsync();
        var firstIndex = references.ToList().IndexOf(first.Reference);

        await rows.Nth(firstIndex).FocusAsync();
        await page.Keyboard.PressAsync("ArrowDown");
        var focused = await page.EvaluateAsync<string>("() => document.activeElement.querySelector('a[data-testid^=case-]')?.textContent");
        Assert.Equal(references[firstIndex + 1], focused);
        await page.Keyboard.PressAsync("ArrowUp");
        await page.Keyboard.PressAsync("c");
        await Assertions.Expect(page.GetByTestId($"status-{first.Reference}")).ToHaveTextAsync("Claimed");

        await page.Locator("tr", new() { Has = page.GetByTestId($"case-{second.Reference}") }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync($"**/cases/{second.Id}");
    }

    [Fact]
    public async Task After_the_page_opens_one_Tab_and_Enter_reach_the_first_case()
    {
        var gp = await TestAccounts.CreateAsync(app.Services, Roles.GP);
        var dermatologist = await TestAccounts.CreateAsync(app.Services, Roles.Dermatologist);
        await TestCases.CreateSubmittedAsync(app.Services, gp.Id, Urgency.Urgent, risk: 0.9, publish: false);
        var page = await OpenWorklistAsync(dermatologist);
        await page.Locator("a[data-testid^=case-]").First.WaitForAsync();

        // The page's heading has the focus after navigation; its first stop is "Go to the cases", past the filters.
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(page.GetByTestId("jump-to-rows")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");

        await page.WaitForFunctionAsync("() => document.activeElement.closest('tr') !== null");
        var focusedRow = await page.EvaluateAsync<string?>("() => document.activeElement.closest('tr')?.querySelector('a[data-testid^=case-]')?.textContent");
        Assert.Equal((await page.Locator("a[data-testid^=case-]").AllInnerTextsAsync())[0], focusedRow);
    }

    [Fact]
    public async Task Question_mark_lists_the_worklists_keys_and_escape_puts_the_list_away()
    {
        var dermatologist = await TestAccounts.CreateAsync(app.Services, Roles.Dermatologist);
        var page = await OpenWorklistAsync(dermatologist);

        await page.Keyboard.PressAsync("?");
        var panel = page.GetByTestId("help-panel");
        await Assertions.Expect(panel).ToContainTextAsync("Claim the case");
        await Assertions.Expect(panel).ToContainTextAsync("On every page");

        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(panel).ToHaveCountAsync(0);

        // Typed into a field, "?" is a question mark, not a shortcut.
        await page.GetByTestId("filter-status").FocusAsync(); // a MudBlazor select: focus is on its combobox
        await page.Keyboard.PressAsync("?");
        await Assertions.Expect(panel).ToHaveCountAsync(0);
    }
}
