using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Data;
using TeleDerm.Testing;

namespace TeleDerm.Browser.Tests;

public sealed class AdministrationJourneys(BrowserApp app) : IClassFixture<BrowserApp>
{
    private static byte[] Isic(string name) => RepoPaths.IsicPhotoBytes(name);

    [Fact]
    public async Task An_administrator_sets_a_departments_letterhead_with_a_logo_and_a_file_that_is_no_image_is_refused()
    {
        var admin = await TestAccounts.CreateAsync(app.Services, Roles.Admin);
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<TeleDermDbContext>>().CreateDbContextAsync();
        var department = await db.Departments.OrderBy(d => d.Name).FirstAsync();

        var page = await app.NewPageAsync();
        await SignInSteps.SignInAsync(page, admin);
        await page.GotoAsync("/admin/organisations");
        await SignInSteps.WaitForInteractiveAsync(page);
        await page.GetByTestId($"letterhead-{department.Name}").ClickAsync();
        await page.GetByTestId("letterhead-form").WaitForAsync();

        // A PDF chosen as the logo: refused, with the reason, and nothing saved.
        await page.Locator("#letterhead-name").FillAsync("Centre Hospitalier de Test");
        await FileSteps.ChooseAsync(page.Locator("#letterhead-logo"), new FilePayload { Name = "logo.pdf", MimeType = "application/pdf", Buffer = "%PDF-1.7"u8.ToArray() });
        await page.GetByTestId("letterhead-logo-chosen").WaitForAsync();
        await page.GetByTestId("letterhead-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("organisations-error")).ToHaveTextAsync("The logo must be a PNG or JPEG image that can be read.");
        await using (var check = await app.Services.GetRequiredService<IDbContextFactory<TeleDermDbContext>>().CreateDbContextAsync())
        {
            Assert.Null((await check.Departments.SingleAsync(d => d.Id == department.Id)).LetterheadName);
        }

        // A real image: saved, and shown as the current logo when the form opens again.
        await FileSteps.ChooseAsync(page.Locator("#letterhead-logo"), new FilePayload { Name = "logo.jpg", MimeType = "image/jpeg", Buffer = Isic("ISIC_0000031.jpg") });
        await page.Locator("#letterhead-address").FillAsync("1 rue de l'Hôpital\n75000 Paris");
        await page.GetByTestId("letterhead-save").ClickAsync();
        // Saving decodes and re-encodes the photo as a small JPEG: seconds on a loaded 2-core machine.
        await Assertions.Expect(page.GetByTestId("organisations-message")).ToContainTextAsync("letterhead", new() { Timeout = 30_000 });
        await page.GetByTestId($"letterhead-{department.Name}").ClickAsync();
        await Assertions.Expect(page.Locator("#letterhead-name")).ToHaveValueAsync("Centre Hospitalier de Test");
        await page.GetByTestId("letterhead-logo-preview").WaitForAsync();
        Assert.True(await page.GetByTestId("letterhead-logo-preview").EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0"));
        await page.ScreenshotAsync(new() { Path = BrowserApp.ScreenshotPath("admin-letterhead"), FullPage = true });
    }
    [Fact]
    public async Task An_administrator_sets_a_practice_s_webhook_sees_its_secret_once_and_an_address_that_is_not_HTTPS_is_refused()
    {
        var admin = await TestAccounts.CreateAsync(app.Services, Roles.Admin);
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<TeleDermDbContext>>().CreateDbContextAsync();
        var practice = await db.Practices.OrderBy(p => p.Name).FirstAsync();

        var page = await app.NewPageAsync();
        await SignInSteps.SignInAsync(page, admin);
        await page.GotoAsync("/admin/webhooks");
        await SignInSteps.WaitForInteractiveAsync(page);
        await SelectSteps.ChooseAsync(page, "webhook-practice", practice.Name);

        await page.Locator("#webhook-url").FillAsync("http://cabinet.example/telederm");
        await page.GetByTestId("webhook-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("webhooks-error")).ToHaveTextAsync("The address must start with https:// (the calls tell of what a GP waits for).");
        Assert.False(await db.Set<TeleDerm.Core.Notifications.PracticeWebhook>().AnyAsync(w => w.PracticeId == practice.Id));

        await page.Locator("#webhook-url").FillAsync("https://cabinet.example/telederm");
        await page.GetByTestId("webhook-save").ClickAsync();
        var secret = await page.GetByTestId("webhook-secret").InnerTextAsync();
        Assert.Matches("^whsec_[A-Za-z0-9_-]{43}$", secret);
        await Assertions.Expect(page.GetByTestId($"webhook-{practice.Id}")).ToContainTextAsync("https://cabinet.example/telederm");
        await Assertions.Expect(page.GetByTestId($"webhook-{practice.Id}")).ToContainTextAsync("No call yet");
        await page.ScreenshotAsync(new() { Path = BrowserApp.ScreenshotPath("admin-webhooks"), FullPage = true });

        // Shown once: the page opened again shows the address, never the secret.
        await page.ReloadAsync();
        await SignInSteps.WaitForInteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId($"webhook-{practice.Id}")).ToBeVisibleAsync();
        Assert.DoesNotContain(secret, await page.ContentAsync(), StringComparison.Ordinal);
    }
}
