using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Answers;
using TeleDerm.Core.Cases;
using TeleDerm.Core.Data;
using TeleDerm.Core.FollowUps;
using TeleDerm.Testing;
using TeleDerm.Web.Features.Reports;

namespace TeleDerm.Browser.Tests;

/// <summary>
/// A follow-up that happens: the report asks for new photos in three months; three months later (the app's clock moved)
/// it is due on the GP's screen, sent as a request already filled in, and the dermatologist's viewer shows the new photo
/// beside the first one.
/// </summary>
public sealed class FollowUpJourneys(ClockedBrowserApp app) : IClassFixture<ClockedBrowserApp>
{
    [Fact]
    public async Task A_follow_up_asked_for_in_three_months_falls_due_on_the_GP_s_screen_is_sent_pre_filled_and_compared_with_the_first_photo()
    {
        var gp = await TestAccounts.CreateAsync(app.Services, Roles.GP);
        var dermatologistAccount = await TestAccounts.CreateAsync(app.Services, Roles.Dermatologist);
        var first = await TestCases.CreateSubmittedAsync(app.Services, gp.Id, publish: false);
        var (_, prior) = await TestImages.AddAsync(app.Services, first, TestImages.DrawJpeg(1200, 900, variant: 0), app.Clock.GetUtcNow().UtcDateTime.AddHours(-2));
        var dermatologist = new Actor(dermatologistAccount.Id, dermatologistAccount.Email, Roles.Dermatologist, first.DepartmentId, null, null);
        Assert.True((await app.Services.GetRequiredService<CaseCommands>().ClaimAsync(first.Id, dermatologist)).Succeeded);
        var signed = await app.Services.GetRequiredService<AnswerCommands>().AnswerAndSignAsync(first.Id, dermatologist,
            new AnswerDraft("D22.5", "Atypical naevus", DiagnosticConfidence.Moderate, Management.PhotoFollowUp, 3, "New photos in three months, same framing.", null, []),
            app.Services.GetRequiredService<CaseReportSigner>());
        Assert.True(signed.Succeeded, signed.Error);

        // Three months and a few days later.
        app.Clock.Advance(TimeSpan.FromDays(95));
        var page = await app.NewPageAsync();
        await SignInSteps.SignInAsync(page, gp, app.Clock);
        await page.GetByRole(AriaRole.Link, new() { Name = "My requests" }).First.ClickAsync();
        await page.WaitForURLAsync("**/my-cases");
        await SignInSteps.WaitForInteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId($"gp-task-state-{first.Reference}")).ToHaveTextAsync("due");
        await page.ScreenshotAsync(new() { Path = BrowserApp.ScreenshotPath("my-requests-follow-up-due"), FullPage = true });

        await page.GetByTestId($"gp-task-send-{first.Reference}").ClickAsync();
        await page.WaitForURLAsync("**/requests/new?followUp=**");
        await SignInSteps.WaitForInteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId("follow-up-of")).ToContainTextAsync(first.Reference);
        await Assertions.Expect(page.GetByLabel("Family name")).ToHaveValueAsync("Test");
        await Assertions.Expect(page.GetByTestId("follow-up-lesion-1")).ToBeVisibleAsync();
        // The menu's "New request" from here is an ordinary, empty request: nothing of the follow-up stays in it.
        var followUpUrl = page.Url;
        await page.GetByRole(AriaRole.Link, new() { Name = "New request" }).First.ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/requests/new", StringComparison.Ordinal));
        await SignInSteps.WaitForInteractiveAsync(page);
        await Assertions.Expect(page.GetByLabel("Family name")).ToHaveValueAsync("");
        Assert.Equal(0, await page.GetByTestId("follow-up-of").CountAsync());
        await page.GotoAsync(followUpUrl);
        await SignInSteps.WaitForInteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId("follow-up-lesion-1")).ToBeVisibleAsync();
        await FileSteps.ChooseAsync(page.Locator("#photos-1"), [RepoPaths.IsicPhoto("ISIC_0000031.jpg")]);
        await Assertions.Expect(page.Locator("[data-testid=photo] img")).ToHaveCountAsync(1);
        await page.GetByTestId("consent").CheckAsync();
        await page.ScreenshotAsync(new() { Path = BrowserApp.ScreenshotPath("follow-up-request"), FullPage = true });
        await page.GetByTestId("submit-request").ClickAsync();
        await page.WaitForURLAsync("**/cases/**");
        await page.GetByTestId("patient-name").WaitForAsync();
        var followUpCaseId = Guid.Parse(page.Url.Split('/').Last().Split('?')[0]);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var task = await scope.ServiceProvider.GetRequiredService<TeleDermDbContext>().Set<GpTask>().AsNoTracking().SingleAsync(t => t.CaseId == first.Id);
            Assert.Equal((GpTaskStatus.Done, followUpCaseId), (task.Status, task.FollowUpCaseId));
        }

        // The dermatologist's worklist marks it; the viewer opens on the first photo beside today's.
        var viewer = await app.NewPageAsync();
        await SignInSteps.SignInAsync(viewer, dermatologistAccount, app.Clock);
        await viewer.GotoAsync("/worklist");
        await SignInSteps.WaitForInteractiveAsync(viewer);
        var followUpReference = (await viewer.Locator("[data-testid^=follow-up-]").First.GetAttributeAsync("data-testid"))!["follow-up-".Length..];
        await viewer.GotoAsync($"/cases/{followUpCaseId}/viewer");
        await viewer.WaitForSelectorAsync("[data-testid=viewer][data-ready=true]");
        await viewer.WaitForSelectorAsync("[data-testid=pane-1][data-loaded=full]", new() { Timeout = 30_000 });
        Assert.Equal(prior.SopInstanceUid, await viewer.GetByTestId("pane-0").GetAttributeAsync("data-sop"));
        Assert.Equal(2, await viewer.GetByTestId("timeline-image").CountAsync());
        Assert.StartsWith("TD-", followUpReference, StringComparison.Ordinal);
        await viewer.ScreenshotAsync(new() { Path = BrowserApp.ScreenshotPath("follow-up-viewer"), FullPage = true });
    }

    [Fact]
    public async Task A_histology_result_recorded_by_the_GP_shows_on_the_case_and_changes_the_dashboard_s_figures()
    {
        var gp = await TestAccounts.CreateAsync(app.Services, Roles.GP);
        var dermatologistAccount = await TestAccounts.CreateAsync(app.Services, Roles.Dermatologist);
        var head = await TestAccounts.CreateAsync(app.Services, Roles.DepartmentHead);
        var @case = await TestCases.CreateSubmittedAsync(app.Services, gp.Id, risk: 0.91, publish: false);
        await TestImages.AddAsync(app.Services, @case, TestImages.DrawJpeg(1200, 900, variant: 2), app.Clock.GetUtcNow().UtcDateTime.AddHours(-2));
        var dermatologist = new Actor(dermatologistAccount.Id, dermatologistAccount.Email, Roles.Dermatologist, @case.DepartmentId, null, null);
        Assert.True((await app.Services.GetRequiredService<CaseCommands>().ClaimAsync(@case.Id, dermatologist)).Succeeded);
        var signed = await app.Services.GetRequiredService<AnswerCommands>().AnswerAndSignAsync(@case.Id, dermatologist,
            new AnswerDraft("D22.9", "Atypical naevus, to be excised", DiagnosticConfidence.Low, Management.ExcisionOrBiopsy, null, "Excision for histology.", null, []),
            app.Services.GetRequiredService<CaseReportSigner>());
        Assert.True(signed.Succeeded, signed.Error);

        var page = await app.NewPageAsync();
        await SignInSteps.SignInAsync(page, gp, app.Clock);
        await page.GotoAsync($"/cases/{@case.Id}");
        await SignInSteps.WaitForInteractiveAsync(page);
        await page.GetByTestId("histology-add").ClickAsync();
        await SelectSteps.ChooseByLabelAsync(page, "Histological diagnosis", "Invasive melanoma");
        await page.Locator("#histology-breslow").FillAsync("1.4");
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);
        await page.Locator("#histology-sampled-on").FillAsync(today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await page.Locator("#histology-sampled-on").BlurAsync();
        await page.GetByTestId("histology-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("histology-result")).ToContainTextAsync("Invasive melanoma, Breslow 1.4 mm");
        await page.GetByTestId("histology").ScreenshotAsync(new() { Path = BrowserApp.ScreenshotPath("case-histology") });
        // In the report history, after the report it follows; and in the viewer's timeline, after the photo.
        await Assertions.Expect(page.GetByTestId("report-history-histology")).ToContainTextAsync("Histology · Invasive melanoma, Breslow 1.4 mm");
        Assert.Equal(["report", "report-history-histology"], await page.GetByTestId("reports").Locator("li").EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.testid)"));
        await page.GetByTestId("reports").ScreenshotAsync(new() { Path = BrowserApp.ScreenshotPath("case-report-history") });
        await page.GotoAsync($"/cases/{@case.Id}/viewer");
        await SignInSteps.WaitForInteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId("timeline-histology")).ToContainTextAsync("Histology · Invasive melanoma, Breslow 1.4 mm");
        Assert.Equal("timeline-histology", await page.GetByTestId("timeline").Locator("li").Last.GetAttributeAsync("data-testid"));
        await page.GetByTestId("timeline").ScreenshotAsync(new() { Path = BrowserApp.ScreenshotPath("viewer-timeline-histology") });

        var dashboard = await app.NewPageAsync();
        await SignInSteps.SignInAsync(dashboard, head, app.Clock);
        await dashboard.GotoAsync("/dashboard");
        await SignInSteps.WaitForInteractiveAsync(dashboard);
        await Assertions.Expect(dashboard.GetByTestId("histology-per-melanoma")).ToContainTextAsync("1 melanomas found");
        // A naevus (D22.9) at tele-expertise, a melanoma at histology: compared, not agreed.
        await Assertions.Expect(dashboard.GetByTestId("histology-agreement")).ToContainTextAsync("for 0 of 1 lesions");
        await dashboard.GetByTestId("histology-figures").ScreenshotAsync(new() { Path = BrowserApp.ScreenshotPath("dashboard-histology") });
        await dashboard.GetByTestId("follow-ups").ScreenshotAsync(new() { Path = BrowserApp.ScreenshotPath("dashboard-follow-ups") });
    }
}
