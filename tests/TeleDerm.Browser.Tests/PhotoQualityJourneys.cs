using Microsoft.Playwright;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Cases;
using TeleDerm.Imaging;
using TeleDerm.Imaging.Codecs;
using TeleDerm.Testing;

namespace TeleDerm.Browser.Tests;

/// <summary>Photos good enough to judge: the GP is told what to retake before sending; the dermatologist asks for new photos by a coded reason, which the dashboard counts per practice.</summary>
public sealed class PhotoQualityJourneys(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task The_GP_is_told_what_to_retake_before_sending_and_a_blank_photo_is_refused()
    {
        var gp = await TestAccounts.CreateAsync(app.Services, Roles.GP);
        var page = await app.NewPageAsync();
        await SignInSteps.SignInAsync(page, gp);
        await page.GotoAsync("/requests/new");
        await SignInSteps.WaitForInteractiveAsync(page);

        // A blurred 250-pixel thumbnail, picked as a dermoscopic photo (the lesion's kind by default).
        await FileSteps.ChooseAsync(page.Locator("#photos-1"), [RepoPaths.IsicPhoto("ISIC_0000127_isicapi250.jpg")]);
        await page.GetByTestId("photo-finding-OutOfFocus").WaitForAsync();
        await Assertions.Expect(page.GetByTestId("photo-finding-OutOfFocus")).ToContainTextAsync("Out of focus: the dermatologist will not see the lesion's structures.");
        await Assertions.Expect(page.GetByTestId("photo-finding-TooSmall")).ToContainTextAsync("Small photo (250 × 250 pixels)");
        await Assertions.Expect(page.GetByTestId("missing-views-1")).ToHaveTextAsync("Add an overview photo (clinical, from further away) showing where the lesion is.");

        // A photo of a covered lens: refused (an alert), not a warning.
        var black = Path.Combine(Path.GetTempPath(), $"lens-cap-{Guid.NewGuid():N}.jpg");
        await File.WriteAllBytesAsync(black, JpegEncoder.Encode(RgbImage.CreateBlank(1200, 900), 90));
        await FileSteps.ChooseAsync(page.Locator("#photos-1"), [black]);
        await Assertions.Expect(page.GetByTestId("photo-finding-Blank")).ToHaveAttributeAsync("role", "alert");
        await page.GetByTestId("lesion-1").ScreenshotAsync(new() { Path = BrowserApp.ScreenshotPath("new-request-photo-checks") });

        // The first photo was an overview after all: corrected in the list, the hint asks for a close-up instead.
        await page.GetByTestId("photo-kind").First.SelectOptionAsync("Clinical");
        await Assertions.Expect(page.GetByTestId("missing-views-1")).ToHaveTextAsync("Add a dermoscopic photo, or a close-up clinical photo of the lesion.");
        File.Delete(black);
    }

    [Fact]
    public async Task A_retake_asked_for_by_its_reason_reaches_the_GP_and_is_counted_for_the_practice()
    {
        var gp = await TestAccounts.CreateAsync(app.Services, Roles.GP);
        var dermatologist = await TestAccounts.CreateAsync(app.Services, Roles.Dermatologist);
        var head = await TestAccounts.CreateAsync(app.Services, Roles.DepartmentHead);
        var @case = await TestCases.CreateSubmittedAsync(app.Services, gp.Id, Urgency.Soon, risk: 0.4);

        var dermPage = await app.NewPageAsync();
        await SignInSteps.SignInAsync(dermPage, dermatologist);
        await dermPage.GotoAsync($"/cases/{@case.Id}");
        await SignInSteps.WaitForInteractiveAsync(dermPage);
        await dermPage.GetByTestId("action-Claim").ClickAsync();
        await SelectSteps.ChooseAsync(dermPage, "retake-reason", "photo blurred");
        await dermPage.GetByTestId("ask-gp").ClickAsync();
        await Assertions.Expect(dermPage.GetByTestId("case-status")).ToHaveTextAsync("Waiting for the GP");

        var gpPage = await app.NewPageAsync();
        await SignInSteps.SignInAsync(gpPage, gp);
        await gpPage.GotoAsync($"/cases/{@case.Id}");
        await SignInSteps.WaitForInteractiveAsync(gpPage);
        await Assertions.Expect(gpPage.GetByTestId("retake")).ToHaveTextAsync("New photos asked for: photo blurred");
        await gpPage.GetByTestId("thread").ScreenshotAsync(new() { Path = BrowserApp.ScreenshotPath("case-thread-retake") });

        var dashboard = await app.NewPageAsync();
        await SignInSteps.SignInAsync(dashboard, head);
        await dashboard.GotoAsync("/dashboard");
        await SignInSteps.WaitForInteractiveAsync(dashboard);
        // This class's own app: the GP's one request and its one retake question.
        var row = dashboard.GetByTestId("retake-practice");
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row.Locator("td").Nth(0)).ToHaveTextAsync("1");
        await Assertions.Expect(row.Locator("td").Nth(1)).ToHaveTextAsync("1");
        await Assertions.Expect(row.Locator("td").Nth(3)).ToHaveTextAsync("1");
        await dashboard.GetByTestId("retake-figures").ScreenshotAsync(new() { Path = BrowserApp.ScreenshotPath("dashboard-retakes") });
    }
}
