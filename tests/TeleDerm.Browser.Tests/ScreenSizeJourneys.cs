using System.Globalization;
using Microsoft.Playwright;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Cases;
using TeleDerm.Testing;

namespace TeleDerm.Browser.Tests;

/// <summary>
/// The workstation on a tablet (1024 × 768) and when the navigation drawer opens or closes: the worklist's
/// actions stay on screen, the viewer's panes keep the room, and an image still fitted to its pane fits again.
/// </summary>
public sealed class ScreenSizeJourneys(BrowserApp app) : IClassFixture<BrowserApp>
{
    private async Task<(TeleExpertiseCase Case, IPage Page)> ViewerWithPriorAsync(int width, int height)
    {
        var gp = await TestAccounts.CreateAsync(app.Services, Roles.GP);
        var earlier = await TestCases.CreateSubmittedAsync(app.Services, gp.Id, publish: false);
        var later = await TestCases.CreateSubmittedAsync(app.Services, gp.Id, publish: false);
        var (lesion, _) = await TestImages.AddAsync(app.Services, earlier, TestImages.DrawJpeg(1200, 900, variant: 0), DateTime.UtcNow.AddDays(-180));
        await TestImages.AddAsync(app.Services, later, TestImages.DrawJpeg(1600, 1200, variant: 3), DateTime.UtcNow.AddHours(-1), lesion);
        var dermatologist = await TestAccounts.CreateAsync(app.Services, Roles.Dermatologist);
        var page = await app.NewPageAsync();
        await page.SetViewportSizeAsync(width, height);
        await SignInSteps.SignInAsync(page, dermatologist);
        await page.GotoAsync($"/cases/{later.Id}/viewer");
        await page.WaitForSelectorAsync("[data-testid=viewer][data-ready=true]");
        for (var i = 0; i < 2; i++)
        {
            await page.WaitForSelectorAsync($"[data-testid=pane-{i}][data-loaded=full]", new() { Timeout = 30_000 });
        }
        return (later, page);
    }

    private static async Task<double> ImageWidthAsync(IPage page, int pane) =>
        double.Parse((await page.GetByTestId($"pane-{pane}").GetAttributeAsync("data-image-rect"))!.Split(',')[2], CultureInfo.InvariantCulture);

    [Fact]
    public async Task On_a_tablet_the_drawer_starts_closed_and_the_worklist_claim_button_is_on_screen()
    {
        var gp = await TestAccounts.CreateAsync(app.Services, Roles.GP);
        var @case = await TestCases.CreateSubmittedAsync(app.Services, gp.Id, Urgency.Urgent, risk: 0.7);
        var dermatologist = await TestAccounts.CreateAsync(app.Services, Roles.Dermatologist);
        var page = await app.NewPageAsync();
        await page.SetViewportSizeAsync(1024, 768);
        await SignInSteps.SignInAsync(page, dermatologist);
        await page.GotoAsync("/worklist");
        await SignInSteps.WaitForInteractiveAsync(page);

        await Assertions.Expect(page.Locator(".mud-drawer--open")).ToHaveCountAsync(0);
        var claim = await page.GetByTestId($"claim-{@case.Reference}").BoundingBoxAsync();
        Assert.NotNull(claim);
        Assert.True(claim.X + claim.Width <= 1024, $"the claim button ends at {claim.X + claim.Width} px, beyond the 1024 px screen");
        await page.ScreenshotAsync(new() { Path = BrowserApp.ScreenshotPath("tablet-worklist") });
    }

    [Fact]
    public async Task On_a_tablet_the_viewer_keeps_large_panes_a_compact_toolbar_and_says_whose_images_they_are()
    {
        var (@case, page) = await ViewerWithPriorAsync(1024, 768);

        foreach (var pane in new[] { 0, 1 })
        {
            var box = (await page.GetByTestId($"pane-{pane}").BoundingBoxAsync())!;
            Assert.True(box.Width >= 330 && box.Height >= 330, $"pane {pane} is {box.Width:0} × {box.Height:0} px");
        }
        var toolbar = (await page.GetByRole(AriaRole.Toolbar, new() { Name = "Viewer tools" }).BoundingBoxAsync())!;
        Assert.True(toolbar.Height <= 100, $"the toolbar is {toolbar.Height:0} px tall (it wraps onto too many rows)");
        Assert.Contains("TEST Patient", await page.GetByTestId("viewer-patient").InnerTextAsync(), StringComparison.Ordinal);
        var label = await page.GetByTestId("timeline-image").First.InnerTextAsync();
        Assert.Contains("Dermoscopic", label, StringComparison.Ordinal);
        Assert.Matches(@"\d{4}", label);
        await page.ScreenshotAsync(new() { Path = BrowserApp.ScreenshotPath("tablet-viewer") });
    }

    [Fact]
    public async Task When_the_drawer_closes_a_fitted_image_fills_its_wider_pane()
    {
        var (_, page) = await ViewerWithPriorAsync(1280, 860);
        var before = await ImageWidthAsync(page, 1);

        await page.GetByRole(AriaRole.Button, new() { Name = "Show or hide the menu" }).ClickAsync();

        await page.WaitForFunctionAsync("w => { const r = document.querySelector('[data-testid=pane-1]').dataset.imageRect; return r && Number(r.split(',')[2]) > w * 1.05; }", before);
        Assert.True(await ImageWidthAsync(page, 1) > before * 1.05);
    }
}
