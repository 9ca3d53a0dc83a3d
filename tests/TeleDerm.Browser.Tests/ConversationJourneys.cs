using Microsoft.Playwright;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Cases;
using TeleDerm.Testing;

namespace TeleDerm.Browser.Tests;

public sealed class ConversationJourneys(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task The_dermatologist_asks_the_GP_sees_it_live_replies_and_the_case_returns()
    {
        var gp = await TestAccounts.CreateAsync(app.Services, Roles.GP);
        var dermatologist = await TestAccounts.CreateAsync(app.Services, Roles.Dermatologist);
        var @case = await TestCases.CreateSubmittedAsync(app.Services, gp.Id, Urgency.Soon, risk: 0.55);

        var gpPage = await app.NewPageAsync();
        await SignInSteps.SignInAsync(gpPage, gp);
        await gpPage.GetByRole(AriaRole.Link, new() { Name = "My requests" }).First.ClickAsync();
        await SignInSteps.WaitForInteractiveAsync(gpPage);
        await gpPage.GetByTestId($"my-case-{@case.Reference}").WaitForAsync();

        var dermPage = await app.NewPageAsync();
        await SignInSteps.SignInAsync(dermPage, dermatologist);
        await dermPage.GotoAsync($"/cases/{@case.Id}");
        await SignInSteps.WaitForInteractiveAsync(dermPage);
        await dermPage.GetByTestId("action-Claim").ClickAsync();
        await dermPage.GetByLabel("Question to the GP").FillAsync("Could you send a dermoscopic photo of the lesion?");
        await dermPage.GetByTestId("ask-gp").ClickAsync();
        await Assertions.Expect(dermPage.GetByTestId("case-status")).ToHaveTextAsync("Waiting for the GP");

        // The GP's list changes without a reload: new status and the "new" badge.
        await Assertions.Expect(gpPage.GetByTestId($"my-status-{@case.Reference}")).ToHaveTextAsync("Waiting for the GP");
        await gpPage.GetByTestId($"changed-{@case.Reference}").WaitForAsync();
        await gpPage.ScreenshotAsync(new() { Path = BrowserApp.ScreenshotPath("my-requests-question-arrived"), FullPage = true });

        // A notice says so wherever the GP is, and opens the case.
        var notice = gpPage.Locator(".mud-snackbar", new() { HasText = $"{@case.Reference}: Test Dermatologist asked you a question." });
        await notice.WaitForAsync();
        await notice.GetByRole(AriaRole.Button, new() { Name = "Open" }).ClickAsync();
        // The click goes to the server through the circuit, which navigates: on a 2-core machine running the web
        // tests beside these it once took over 15 s (full suite, 2026-12-06), so this step waits as long as sign-in does.
        await gpPage.WaitForURLAsync($"**/cases/{@case.Id}", new() { Timeout = 30_000 });
        await SignInSteps.WaitForInteractiveAsync(gpPage);
        await Assertions.Expect(gpPage.GetByTestId("thread")).ToContainTextAsync("Could you send a dermoscopic photo of the lesion?");
        await gpPage.GetByLabel("Your reply").FillAsync("Photo attached at the next visit; it bled twice this month.");
        await gpPage.GetByTestId("reply").ClickAsync();

        // The case returns to the dermatologist, live.
        await Assertions.Expect(dermPage.GetByTestId("case-status")).ToHaveTextAsync("In review");
        await Assertions.Expect(dermPage.GetByTestId("thread")).ToContainTextAsync("it bled twice this month");
        await dermPage.Locator(".mud-snackbar", new() { HasText = $"{@case.Reference}: Test GP answered your question." }).WaitForAsync();
        Assert.Equal(0, await gpPage.Locator(".mud-snackbar", new() { HasText = "answered your question" }).CountAsync());
        await dermPage.ScreenshotAsync(new() { Path = BrowserApp.ScreenshotPath("case-page-dermatologist"), FullPage = true });
    }

    [Fact]
    public async Task A_GP_opening_another_GPs_case_sees_nothing_of_it()
    {
        var owner = await TestAccounts.CreateAsync(app.Services, Roles.GP);
        var other = await TestAccounts.CreateAsync(app.Services, Roles.GP);
        var @case = await TestCases.CreateSubmittedAsync(app.Services, owner.Id);
        var page = await app.NewPageAsync();
        await SignInSteps.SignInAsync(page, other);
        await page.GotoAsync($"/cases/{@case.Id}");
        await page.GetByTestId("case-not-found").WaitForAsync();
        Assert.Equal(0, await page.GetByTestId("patient-name").CountAsync());
    }
}
