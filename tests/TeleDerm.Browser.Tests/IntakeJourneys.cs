using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TeleDerm.Core.Accounts;
using TeleDerm.Testing;
using TeleDerm.Web.Features.Intake;

namespace TeleDerm.Browser.Tests;

public sealed class IntakeJourneys(BrowserApp app) : IClassFixture<BrowserApp>
{
    private static string Isic(string name) => RepoPaths.IsicPhoto(name);

    [Fact]
    public async Task A_GP_submits_a_request_and_it_appears_in_a_dermatologists_worklist_without_reload_then_gets_its_score()
    {
        var gp = await TestAccounts.CreateAsync(app.Services, Roles.GP);
        var dermatologist = await TestAccounts.CreateAsync(app.Services, Roles.Dermatologist);

        var worklist = await app.NewPageAsync();
        await SignInSteps.SignInAsync(worklist, dermatologist);
        await worklist.GotoAsync("/worklist");
        await SignInSteps.WaitForInteractiveAsync(worklist);

        var page = await app.NewPageAsync();
        await SignInSteps.SignInAsync(page, gp);
        await page.GetByRole(AriaRole.Link, new() { Name = "New request" }).First.ClickAsync();
        await page.WaitForURLAsync("**/requests/new");
        await SignInSteps.WaitForInteractiveAsync(page);
        await page.GetByLabel("Family name").FillAsync("Lambert");
        await page.GetByLabel("Given name").FillAsync("Odile");
        await page.GetByLabel("Born").FillAsync("1949-03-17");
        await SelectSteps.ChooseByLabelAsync(page, "Sex", "Female");
        await page.GetByLabel("Why do you ask for an opinion?").FillAsync("Dark lesion of the left forearm, grew in two months.");
        await SelectSteps.ChooseByLabelAsync(page, "Urgency", "Soon");
        await page.GetByLabel("Why this urgency").FillAsync("Rapid growth.");
        // Chosen on the body map (the patient's left forearm, front view); the list beside it follows.
        await page.GetByTestId("body-map-1").GetByRole(AriaRole.Button, new() { Name = "Forearm (left)" }).First.ClickAsync();
        await Assertions.Expect(page.GetByTestId("site-code-1")).ToHaveValueAsync("14975008");
        await Assertions.Expect(page.GetByTestId("side-code-1")).ToHaveValueAsync("Left");
        await page.GetByTestId("body-map-1").ScreenshotAsync(new() { Path = BrowserApp.ScreenshotPath("body-map") });
        await FileSteps.ChooseAsync(page.Locator("#photos-1"), [Isic("ISIC_0000031.jpg"), Isic("ISIC_0000139.jpg")]);
        await Assertions.Expect(page.Locator("[data-testid=photo] img")).ToHaveCountAsync(2);
        await page.GetByTestId("consent").CheckAsync();
        await page.ScreenshotAsync(new() { Path = BrowserApp.ScreenshotPath("new-request"), FullPage = true });

        // Saved as the GP types: a reload (a closed tab, a lost connection) brings everything back, photos too.
        await Assertions.Expect(page.GetByTestId("draft-saved")).ToContainTextAsync("Draft saved");
        // The last change (the consent) is in the saved draft before the reload.
        var drafts = app.Services.GetRequiredService<IntakeDrafts>();
        for (var wait = 0; (await drafts.LoadAsync(gp.Id)) is not { State.Consent: true, Photos.Count: 2 }; wait++)
        {
            Assert.True(wait < 50, "the draft was not saved with the consent and both photos within 10 s");
            await Task.Delay(200);
        }
        await page.ReloadAsync();
        await SignInSteps.WaitForInteractiveAsync(page);
        await page.GetByTestId("draft-restored").WaitForAsync();
        await Assertions.Expect(page.GetByLabel("Family name")).ToHaveValueAsync("Lambert");
        await Assertions.Expect(page.GetByLabel("Why this urgency")).ToHaveValueAsync("Rapid growth.");
        await Assertions.Expect(page.GetByTestId("site-code-1")).ToHaveValueAsync("14975008");
        await Assertions.Expect(page.Locator("[data-testid=photo] img")).ToHaveCountAsync(2);
        await Assertions.Expect(page.GetByTestId("consent")).ToBeCheckedAsync();
        await page.GetByTestId("submit-request").ClickAsync();

        await page.WaitForURLAsync("**/cases/**");
        await page.GetByTestId("patient-name").WaitForAsync();
        var reference = (await page.Locator("h1").InnerTextAsync()).Split(' ').Last();

        // Live in the dermatologist's worklist, then the score arrives from the background worker.
        await worklist.GetByTestId($"case-{reference}").WaitForAsync();
        await Assertions.Expect(worklist.GetByTestId($"risk-{reference}")).Not.ToContainTextAsync("not scored", new() { Timeout = 30_000 });
        // One thumbnail for the one lesion (its dermoscopic photo), actually served and decoded by the browser.
        var thumbnail = worklist.GetByTestId($"thumbnail-{reference}");
        await Assertions.Expect(thumbnail).ToHaveCountAsync(1);
        await worklist.WaitForFunctionAsync("r => { const i = document.querySelector(`[data-testid=thumbnail-${r}]`); return i && i.complete && i.naturalWidth > 0; }", reference);
        await worklist.ScreenshotAsync(new() { Path = BrowserApp.ScreenshotPath("worklist-new-request-scored"), FullPage = true });

        // Once sent, the draft is gone: a new request starts empty.
        await page.GotoAsync("/requests/new");
        await SignInSteps.WaitForInteractiveAsync(page);
        await Assertions.Expect(page.GetByLabel("Family name")).ToHaveValueAsync("");
        Assert.Equal(0, await page.GetByTestId("draft-restored").CountAsync());
    }

    [Fact]
    public async Task Missing_fields_and_a_non_image_are_reported_and_nothing_is_sent()
    {
        var gp = await TestAccounts.CreateAsync(app.Services, Roles.GP);
        var page = await app.NewPageAsync();
        await SignInSteps.SignInAsync(page, gp);
        await page.GotoAsync("/requests/new");
        await SignInSteps.WaitForInteractiveAsync(page);
        var notImage = Path.Combine(Path.GetTempPath(), "lesion.jpg");
        await File.WriteAllTextAsync(notImage, "not a photo");
        await FileSteps.ChooseAsync(page.Locator("#photos-1"), notImage);
        await page.GetByTestId("submit-request").ClickAsync();
        var errors = page.GetByTestId("intake-errors");
        // Generous: the check decodes the upload, and the suite's other assemblies share the cores (15 s ran out once).
        await errors.WaitForAsync(new() { Timeout = 45_000 });
        var text = await errors.InnerTextAsync();
        Assert.Contains("Enter the patient's family name.", text, StringComparison.Ordinal);
        Assert.Contains("The patient's consent to tele-expertise is required.", text, StringComparison.Ordinal);
        Assert.Contains("Choose the body site of the lesion.", text, StringComparison.Ordinal);
        Assert.Contains("/requests/new", page.Url, StringComparison.Ordinal);
        await page.ScreenshotAsync(new() { Path = BrowserApp.ScreenshotPath("new-request-errors"), FullPage = true });
    }
}
