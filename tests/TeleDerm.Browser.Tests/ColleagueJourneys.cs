using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Cases;
using TeleDerm.Core.Data;
using TeleDerm.Testing;

namespace TeleDerm.Browser.Tests;

/// <summary>A colleague's opinion, then a hand-over, between two dermatologists of the department; the GP sees none of it.</summary>
public sealed class ColleagueJourneys(BrowserApp app) : IClassFixture<BrowserApp>
{
    private async Task NameAsync(TestAccount account, string name)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TeleDermDbContext>();
        (await db.Users.SingleAsync(u => u.Id == account.Id)).DisplayName = name;
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task A_dermatologist_asks_a_colleague_who_answers_then_hands_the_case_over_and_the_GP_sees_none_of_it()
    {
        var gp = await TestAccounts.CreateAsync(app.Services, Roles.GP);
        var anne = await TestAccounts.CreateAsync(app.Services, Roles.Dermatologist);
        var bruno = await TestAccounts.CreateAsync(app.Services, Roles.Dermatologist);
        await NameAsync(anne, "Dr Anne Martin");
        await NameAsync(bruno, "Dr Bruno Petit");
        var @case = await TestCases.CreateSubmittedAsync(app.Services, gp.Id, Urgency.Soon, risk: 0.7);

        var brunoWorklist = await app.NewPageAsync();
        await SignInSteps.SignInAsync(brunoWorklist, bruno);
        await brunoWorklist.GotoAsync("/worklist");
        await SignInSteps.WaitForInteractiveAsync(brunoWorklist);

        var annePage = await app.NewPageAsync();
        await SignInSteps.SignInAsync(annePage, anne);
        await annePage.GotoAsync($"/cases/{@case.Id}");
        await SignInSteps.WaitForInteractiveAsync(annePage);
        await annePage.GetByTestId("action-Claim").ClickAsync();
        await SelectSteps.ChooseAsync(annePage, "colleague-select", "Dr Bruno Petit");
        await annePage.Locator("#colleague-note").FillAsync("Regression at the centre: would you excise?");
        await annePage.GetByTestId("ask-colleague").ClickAsync();
        await Assertions.Expect(annePage.GetByTestId("thread")).ToContainTextAsync("opinion asked → Dr Bruno Petit");

        // Live on the colleague's worklist, and it opens the case.
        var asked = brunoWorklist.GetByTestId($"opinion-asked-{@case.Reference}");
        await Assertions.Expect(asked).ToContainTextAsync("Dr Anne Martin");
        await Assertions.Expect(asked).ToContainTextAsync("Regression at the centre: would you excise?");
        await brunoWorklist.GetByTestId("opinions-asked").ScreenshotAsync(new() { Path = BrowserApp.ScreenshotPath("worklist-opinions-asked") });
        await asked.GetByRole(AriaRole.Link).ClickAsync();
        await brunoWorklist.WaitForURLAsync($"**/cases/{@case.Id}", new() { Timeout = 30_000 });
        await SignInSteps.WaitForInteractiveAsync(brunoWorklist);
        await brunoWorklist.Locator("#colleague-opinion").FillAsync("Yes: excise, 2 mm margins, histology.");
        await brunoWorklist.GetByTestId("give-opinion").ClickAsync();
        await Assertions.Expect(brunoWorklist.GetByTestId("opinion-panel")).ToHaveCountAsync(0);

        // The holder reads it live, then hands the case over.
        await Assertions.Expect(annePage.GetByTestId("thread")).ToContainTextAsync("Yes: excise, 2 mm margins, histology.");
        await SelectSteps.ChooseAsync(annePage, "colleague-select", "Dr Bruno Petit");
        await annePage.Locator("#colleague-note").FillAsync("On leave from tomorrow: yours to answer.");
        await annePage.GetByTestId("hand-over").ClickAsync();
        await Assertions.Expect(annePage.GetByTestId("colleague-panel")).ToHaveCountAsync(0);
        await annePage.GetByTestId("thread").ScreenshotAsync(new() { Path = BrowserApp.ScreenshotPath("case-thread-colleague") });

        // Bruno holds it now: he may ask a colleague (Anne) in his turn, and answer.
        await brunoWorklist.ReloadAsync();
        await SignInSteps.WaitForInteractiveAsync(brunoWorklist);
        await brunoWorklist.GetByTestId("colleague-panel").WaitForAsync();

        // The GP's case page shows the request as it was, with none of the department's exchanges.
        var gpPage = await app.NewPageAsync();
        await SignInSteps.SignInAsync(gpPage, gp);
        await gpPage.GotoAsync($"/cases/{@case.Id}");
        await SignInSteps.WaitForInteractiveAsync(gpPage);
        await gpPage.GetByTestId("patient-name").WaitForAsync();
        Assert.DoesNotContain("excise", await gpPage.ContentAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, await gpPage.GetByTestId("colleague-panel").CountAsync());
    }
}
