using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Cases;
using TeleDerm.Core.Data;
using TeleDerm.Testing;

namespace TeleDerm.Browser.Tests;

/// <summary>The app with the demo department, as <c>scripts/run.sh</c> starts it.</summary>
public sealed class DemoBrowserApp() : BrowserApp(new Dictionary<string, string?>
{
    ["TeleDerm:Demo:Enabled"] = "true",
    ["TeleDerm:Demo:SamplesDirectory"] = Path.Combine(RepoPaths.Root, "samples"),
});

/// <summary>
/// The README's screenshots (docs/screenshots/), taken at every test run from the demo department so that they
/// show the product as it is: the worklist, the viewer comparing a lesion with its prior, and a signed report.
/// </summary>
[Collection(RunAlone.Name)]
public sealed class ReadmeScreenshots(DemoBrowserApp app) : IClassFixture<DemoBrowserApp>
{
    private static string DocsScreenshot(string name) =>
        Path.Combine(Directory.CreateDirectory(Path.Combine(RepoPaths.Root, "docs", "screenshots")).FullName, name + ".png");

    [Fact]
    public async Task The_worklist_the_viewer_and_a_signed_report_of_the_demo_department()
    {
        // Test accounts join the first department: with the demo on, that is the demo department.
        var dermatologist = await TestAccounts.CreateAsync(app.Services, Roles.Dermatologist);
        var page = await app.NewPageAsync();
        await SignInSteps.SignInAsync(page, dermatologist);

        await page.GotoAsync("/worklist");
        await SignInSteps.WaitForInteractiveAsync(page);
        await page.Locator("a[data-testid^=case-]").Nth(10).WaitForAsync();
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('.thumbnails img')].every(i => i.complete)");
        await page.ScreenshotAsync(new() { Path = DocsScreenshot("worklist") });

        var (comparedCase, submittedCase) = await DemoCasesAsync();
        await page.GotoAsync($"/cases/{comparedCase}/viewer");
        await page.WaitForSelectorAsync("[data-testid=viewer][data-ready=true]");
        for (var i = 0; i < 2; i++)
        {
            await page.WaitForSelectorAsync($"[data-testid=pane-{i}][data-loaded=full]", new() { Timeout = 30_000 });
        }
        await page.ScreenshotAsync(new() { Path = DocsScreenshot("viewer") });

        await page.GotoAsync($"/cases/{submittedCase}");
        await SignInSteps.WaitForInteractiveAsync(page);
        await page.GetByTestId("action-Claim").ClickAsync();
        await SelectSteps.ChooseAsync(page, "diagnosis-code-select", "D22.5");
        await SelectSteps.ChooseAsync(page, "management-select", "Reassure");
        await page.GetByTestId("message-to-gp").FillAsync("Benign melanocytic naevus with a regular reticular network. No excision needed; new photos if it changes.");
        await page.GetByTestId("patient-advice").FillAsync("Protect the skin from the sun and check it once a month.");
        await page.GetByTestId("sign-secret").FillAsync(AuthenticatorCodes.Next(dermatologist.AuthenticatorKey!));
        await page.GetByTestId("sign-report").ClickAsync();
        var link = page.GetByTestId("download-report").First;
        await link.WaitForAsync(new() { Timeout = 60_000 });
        var pdf = await page.APIRequest.GetAsync((await link.GetAttributeAsync("href"))!);
        Assert.True(pdf.Ok);
        var pdfPath = Path.Combine(Path.GetTempPath(), $"teleDerm-readme-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(pdfPath, await pdf.BodyAsync());
        try
        {
            await RenderFirstPageAsync(pdfPath, DocsScreenshot("report"));
        }
        finally
        {
            File.Delete(pdfPath);
        }
        Assert.True(new FileInfo(DocsScreenshot("report")).Length > 10_000);
    }

    /// <summary>A demo case whose lesion has a prior from an earlier request, and a demo case waiting for a dermatologist.</summary>
    private async Task<(Guid Compared, Guid Submitted)> DemoCasesAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TeleDermDbContext>();
        var images = await db.Set<LesionImage>().AsNoTracking().ToListAsync();
        var compared = images.GroupBy(i => i.LesionId).Where(l => l.Select(i => i.CaseId).Distinct().Count() > 1)
            .Select(l => l.OrderBy(i => i.AcquiredAtUtc).Last().CaseId).First();
        var submitted = await db.Set<TeleExpertiseCase>().Where(c => c.Status == CaseStatus.Submitted)
            .Where(c => images.Select(i => i.CaseId).Contains(c.Id)).Select(c => c.Id).FirstAsync();
        return (compared, submitted);
    }

    /// <summary>The report's first page as a PNG, drawn by poppler's pdftoppm (as a reader's PDF viewer would).</summary>
    private static async Task RenderFirstPageAsync(string pdf, string png)
    {
        if (!File.Exists("/usr/bin/pdftoppm"))
        {
            throw new InvalidOperationException("/usr/bin/pdftoppm is missing: install the Debian package 'poppler-utils' (scripts/install-dependencies.sh test).");
        }
        var start = new ProcessStartInfo("/usr/bin/pdftoppm", ["-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", pdf, png[..^4]]);
        using var process = Process.Start(start)!;
        await process.WaitForExitAsync();
        Assert.Equal(0, process.ExitCode);
    }
}
