using System.Globalization;
using Microsoft.Playwright;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Cases;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TeleDerm.Core.Data;
using TeleDerm.Testing;

namespace TeleDerm.Browser.Tests;

/// <summary>A dermatologist compares a lesion with its prior, zooms both at once, calibrates, measures, and finds the measurements again.</summary>
public sealed class ViewerJourneys(BrowserApp app) : IClassFixture<BrowserApp>
{
    /// <summary>An earlier request with the prior (1200 × 900) and a later one with the newest photo (1600 × 1200) of the same lesion.</summary>
    private async Task<(TeleExpertiseCase Later, LesionImage Prior, LesionImage Current)> CaseWithPriorAsync(int extraImages = 0)
    {
        var gp = await TestAccounts.CreateAsync(app.Services, Roles.GP);
        var earlier = await TestCases.CreateSubmittedAsync(app.Services, gp.Id, publish: false);
        var later = await TestCases.CreateSubmittedAsync(app.Services, gp.Id, publish: false);
        var now = DateTime.UtcNow;
        var (lesion, prior) = await TestImages.AddAsync(app.Services, earlier, TestImages.DrawJpeg(1200, 900, variant: 0), now.AddDays(-180));
        for (var i = 0; i < extraImages; i++)
        {
            await TestImages.AddAsync(app.Services, earlier, TestImages.DrawJpeg(1200, 900, variant: 1 + i), now.AddDays(-90 + i * 30), lesion);
        }
        var (_, current) = await TestImages.AddAsync(app.Services, later, TestImages.DrawJpeg(1600, 1200, variant: 3), now.AddHours(-1), lesion);
        return (later, prior, current);
    }

    private async Task<IPage> OpenViewerAsync(Guid caseId)
    {
        var dermatologist = await TestAccounts.CreateAsync(app.Services, Roles.Dermatologist);
        var page = await app.NewPageAsync();
        page.PageError += (_, m) => Console.WriteLine("Viewer page script error: " + m);
        await SignInSteps.SignInAsync(page, dermatologist);
        await page.GotoAsync($"/cases/{caseId}");
        await SignInSteps.WaitForInteractiveAsync(page);
        await page.GetByTestId("open-viewer").First.ClickAsync();
        await page.WaitForURLAsync($"**/cases/{caseId}/viewer**");
        await WaitForPanesAsync(page, 2);
        return page;
    }

    private static async Task WaitForPanesAsync(IPage page, int count)
    {
        await page.WaitForSelectorAsync("[data-testid=viewer][data-ready=true]");
        for (var i = 0; i < count; i++)
        {
            await page.WaitForSelectorAsync($"[data-testid=pane-{i}][data-loaded=full]", new() { Timeout = 30_000 });
        }
    }

    private static async Task<double[]> ViewportAsync(IPage page, int pane) =>
        [.. (await page.GetByTestId($"pane-{pane}").GetAttributeAsync("data-viewport"))!.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture))];

    /// <summary>Where a point of the image (in its own pixels) is on the screen, from the pane's published image rectangle.</summary>
    private static async Task<(float X, float Y)> ScreenPointAsync(IPage page, int pane, int imageWidth, int imageHeight, double x, double y)
    {
        var (left, top) = await DrawingSurfaceAsync(page, pane);
        var rect = (await page.GetByTestId($"pane-{pane}").GetAttributeAsync("data-image-rect"))!.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        return ((float)(left + rect[0] + x / imageWidth * rect[2]), (float)(top + rect[1] + y / imageHeight * rect[3]));
    }

    /// <summary>Where a point of the image is on the screen, from the pane's published corners: right under rotation and flip too.</summary>
    private static async Task<(float X, float Y)> MappedPointAsync(IPage page, int pane, int imageWidth, int imageHeight, double x, double y)
    {
        var (left, top) = await DrawingSurfaceAsync(page, pane);
        var c = (await page.GetByTestId($"pane-{pane}").GetAttributeAsync("data-image-corners"))!.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        var (u, v) = (x / imageWidth, y / imageHeight);
        return ((float)(left + c[0] + u * (c[2] - c[0]) + v * (c[4] - c[0])), (float)(top + c[1] + u * (c[3] - c[1]) + v * (c[5] - c[1])));
    }

    /// <summary>
    /// Where the pane's drawing surface is on the page now: the viewer publishes image positions relative to it,
    /// so that a page that shifted since (a toolbar wrapping) cannot send a drag to the wrong pane.
    /// </summary>
    private static async Task<(double Left, double Top)> DrawingSurfaceAsync(IPage page, int pane)
    {
        var box = (await page.Locator($"[data-testid=pane-{pane}] .pane-canvas").BoundingBoxAsync())!;
        return (box.X, box.Y);
    }

    /// <summary>Chooses a drawing tool and waits until the viewer's script has it, so that the next drag draws instead of panning.</summary>
    private static async Task ChooseToolAsync(IPage page, string tool)
    {
        await page.GetByTestId($"tool-{tool}").ClickAsync();
        await page.Locator($"[data-testid=viewer][data-tool={tool}]").WaitForAsync();
    }

    private static async Task DragAsync(IPage page, (float X, float Y) from, (float X, float Y) to)
    {
        await page.Mouse.MoveAsync(from.X, from.Y);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(to.X, to.Y, new() { Steps = 8 });
        await page.Mouse.UpAsync();
    }

    [Fact]
    public async Task The_prior_and_the_newest_image_show_in_date_order_and_zooming_one_pane_moves_the_other_to_the_same_relative_view()
    {
        var (later, prior, current) = await CaseWithPriorAsync();
        var page = await OpenViewerAsync(later.Id);

        Assert.Equal(prior.SopInstanceUid, await page.GetByTestId("pane-0").GetAttributeAsync("data-sop"));
        Assert.Equal(current.SopInstanceUid, await page.GetByTestId("pane-1").GetAttributeAsync("data-sop"));
        Assert.Equal(2, await page.GetByTestId("timeline-image").CountAsync());

        // Wheel over pane A, off centre: pane A zooms about the pointer; pane B follows by relative position.
        var box = (await page.GetByTestId("pane-0").BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(box.X + box.Width * 0.3f, box.Y + box.Height * 0.4f);
        for (var i = 0; i < 3; i++)
        {
            await page.Mouse.WheelAsync(0, -200);
            await page.WaitForTimeoutAsync(150);
        }
        await page.WaitForTimeoutAsync(800);
        var a = await ViewportAsync(page, 0);
        var b = await ViewportAsync(page, 1);
        Assert.True(a[2] > 1.15, $"pane A zoomed in (zoom {a[2]})");
        Assert.True(a[0] < 0.49, $"pane A moved towards the pointer (centre x {a[0]})");
        Assert.Equal(a[0], b[0], 0.01);
        Assert.Equal(a[1], b[1], 0.01);
        Assert.Equal(a[2], b[2], 0.02);

        // Sync off: pane B stays where it is.
        await page.GetByTestId("sync").UncheckAsync();
        await page.Mouse.MoveAsync(box.X + box.Width * 0.7f, box.Y + box.Height * 0.7f);
        await page.Mouse.WheelAsync(0, -300);
        await page.WaitForTimeoutAsync(800);
        Assert.NotEqual((await ViewportAsync(page, 0))[2], (await ViewportAsync(page, 1))[2], 3);
        Assert.Equal(b[2], (await ViewportAsync(page, 1))[2], 3);
    }

    [Fact]
    public async Task Keys_zoom_to_the_photos_own_pixels_and_pan_the_full_distance_with_the_other_pane_following()
    {
        var (later, _, _) = await CaseWithPriorAsync();
        var page = await OpenViewerAsync(later.Id);
        var box = (await page.GetByTestId("pane-0").BoundingBoxAsync())!;
        await page.Mouse.ClickAsync(box.X + box.Width / 2, box.Y + box.Height / 2);

        // "1": one pixel of the photo per pixel of the screen (the page is drawn at a device pixel ratio of 1).
        await page.Keyboard.PressAsync("1");
        await page.WaitForSelectorAsync("[data-testid=pane-0][data-sharp-count]", new() { Timeout = 30_000 });
        var rect = (await page.GetByTestId("pane-0").GetAttributeAsync("data-image-rect"))!.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(1200, rect[2], 1.0); // the prior, 1200 × 900, drawn 1200 screen pixels wide
        var before = await ViewportAsync(page, 0);

        // Ten presses of → pan pane A by half its width (5% each), the other pane following: a following pane must not
        // pull the leading one back to where it was a frame earlier (it once moved a fraction of the distance).
        for (var i = 0; i < 10; i++)
        {
            await page.Keyboard.PressAsync("ArrowRight");
        }
        await page.WaitForTimeoutAsync(1000);
        var after = await ViewportAsync(page, 0);
        var expected = 0.5 / before[2];
        Assert.True(Math.Abs(after[0] - before[0] - expected) < expected * 0.1, $"pane A moved {after[0] - before[0]:F4} of the image's width; half its width is {expected:F4}");
        Assert.Equal(after[0], (await ViewportAsync(page, 1))[0], 3);
    }

    [Fact]
    public async Task After_a_calibration_a_measurement_reads_its_true_length_and_annotations_survive_a_reload()
    {
        var (later, _, current) = await CaseWithPriorAsync(extraImages: 2);
        var page = await OpenViewerAsync(later.Id);
        const int W = 1600, H = 1200;

        // Calibrate over the drawn ruler bar (500 pixels = 50 mm) in the newest image, pane B.
        await ChooseToolAsync(page, "calibrate");
        await DragAsync(page, await ScreenPointAsync(page, 1, W, H, 100, H - 100), await ScreenPointAsync(page, 1, W, H, 600, H - 100));
        await page.GetByTestId("known-length").FillAsync("50");
        await page.GetByTestId("save-pending").ClickAsync();
        await page.Locator("[data-testid=measurement][data-kind=Calibration]").WaitForAsync();

        // Measure between the two marks, 800 pixels apart: 80 mm.
        await ChooseToolAsync(page, "ruler");
        await DragAsync(page, await ScreenPointAsync(page, 1, W, H, 150, 300), await ScreenPointAsync(page, 1, W, H, 950, 300));
        var ruler = page.Locator("[data-testid=measurement][data-kind=Ruler]");
        await ruler.WaitForAsync();
        var value = double.Parse((await ruler.GetAttributeAsync("data-value"))!, CultureInfo.InvariantCulture);
        Assert.Equal("mm", await ruler.GetAttributeAsync("data-unit"));
        Assert.Equal("true", await ruler.GetAttributeAsync("data-calibrated"));
        Assert.InRange(value, 80 * 0.99, 80 * 1.01);

        // A ruler on the prior (no calibration there, no Pixel Spacing): pixels, marked uncalibrated.
        await DragAsync(page, await ScreenPointAsync(page, 0, 1200, 900, 150, 300), await ScreenPointAsync(page, 0, 1200, 900, 950, 300));
        var uncalibrated = page.Locator("[data-testid=measurement][data-kind=Ruler][data-calibrated=false]");
        await uncalibrated.WaitForAsync();
        Assert.Equal("px", await uncalibrated.GetAttributeAsync("data-unit"));
        Assert.Contains("uncalibrated", await uncalibrated.InnerTextAsync(), StringComparison.Ordinal);
        await page.GetByTestId("pane-1").ScreenshotAsync(new() { Path = BrowserApp.ScreenshotPath("viewer-pane-measured") });
        await page.ScreenshotAsync(new() { Path = BrowserApp.ScreenshotPath("viewer-2-panes-measurement") });

        await page.ReloadAsync();
        await WaitForPanesAsync(page, 2);
        Assert.Equal(3, await page.GetByTestId("measurement").CountAsync());
        Assert.InRange(double.Parse((await ruler.First.GetAttributeAsync("data-value"))!, CultureInfo.InvariantCulture), 79.2, 80.8);
        await page.Locator("[data-testid=pane-1] [data-annotation-id]").First.WaitForAsync();
        Assert.Equal(2, await page.Locator("[data-testid=pane-1] [data-annotation-id]").CountAsync());

        await page.GetByTestId("layout-4").ClickAsync();
        await WaitForPanesAsync(page, 4);
        Assert.Equal(current.SopInstanceUid, await page.GetByTestId("pane-3").GetAttributeAsync("data-sop"));
        await page.Locator("[data-testid=pane-3] [data-annotation-id]").First.WaitForAsync();
        await page.GetByTestId("help").ClickAsync();
        await page.GetByTestId("help-panel").WaitForAsync();
        await page.ScreenshotAsync(new() { Path = BrowserApp.ScreenshotPath("viewer-help") });
        await page.GetByTestId("help-panel").GetByRole(AriaRole.Button).ClickAsync();
        await page.ScreenshotAsync(new() { Path = BrowserApp.ScreenshotPath("viewer-4-panes-measurement") });
    }

    [Fact]
    public async Task A_rotated_and_mirrored_image_still_measures_true_reset_undoes_it_and_brightness_reaches_every_pane()
    {
        var (later, _, _) = await CaseWithPriorAsync();
        var page = await OpenViewerAsync(later.Id);
        var prior = page.GetByTestId("pane-0");

        // The prior (1200 × 900) is the active pane: a quarter turn to the right, then a mirror image.
        await page.GetByRole(AriaRole.Button, new() { Name = "Rotate right" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Flip horizontally" }).ClickAsync();
        // Each click goes to the server and back to the viewer's script; on a loaded 2-core CI machine that has
        // taken longer than Playwright's default five seconds.
        await Assertions.Expect(prior).ToHaveAttributeAsync("data-rotation", "90", new() { Timeout = 20_000 });
        await Assertions.Expect(prior).ToHaveAttributeAsync("data-flip", "true", new() { Timeout = 20_000 });
        await page.WaitForTimeoutAsync(800); // the rotation settles before drawing

        // 500 image pixels along a row, drawn through the rotated, mirrored picture: still 500 px.
        await ChooseToolAsync(page, "ruler");
        await DragAsync(page, await MappedPointAsync(page, 0, 1200, 900, 350, 450), await MappedPointAsync(page, 0, 1200, 900, 850, 450));
        var ruler = page.Locator("[data-testid=measurement][data-kind=Ruler]");
        await ruler.WaitForAsync();
        Assert.Equal("px", await ruler.GetAttributeAsync("data-unit"));
        Assert.InRange(double.Parse((await ruler.GetAttributeAsync("data-value"))!, CultureInfo.InvariantCulture), 495, 505);
        await page.ScreenshotAsync(new() { Path = BrowserApp.ScreenshotPath("viewer-rotated-flipped-measured") });

        await page.GetByTestId("reset").ClickAsync();
        await Assertions.Expect(prior).ToHaveAttributeAsync("data-rotation", "0");
        await Assertions.Expect(prior).ToHaveAttributeAsync("data-flip", "false");

        await page.GetByLabel("Brightness").FillAsync("1.5");
        await page.GetByLabel("Contrast").FillAsync("1.2");
        // The filter sits on each pane's OpenSeadragon drawing surface; the sliders reach it through .NET, hence the wait.
        foreach (var pane in new[] { 0, 1 })
        {
            await page.WaitForFunctionAsync(
                "pane => document.querySelector(`[data-testid=pane-${pane}] .openseadragon-canvas`)?.style.filter === 'brightness(1.5) contrast(1.2)'", pane,
                new() { Timeout = 5_000 });
        }
    }

    [Fact]
    public async Task A_colleagues_measurement_appears_live_in_an_open_viewer()
    {
        var (later, _, _) = await CaseWithPriorAsync();
        var watching = await OpenViewerAsync(later.Id);
        var measuring = await OpenViewerAsync(later.Id);
        Assert.Equal(0, await watching.GetByTestId("measurement").CountAsync());

        await ChooseToolAsync(measuring, "ruler");
        await DragAsync(measuring, await ScreenPointAsync(measuring, 1, 1600, 1200, 150, 300), await ScreenPointAsync(measuring, 1, 1600, 1200, 950, 300));
        await measuring.Locator("[data-testid=measurement][data-kind=Ruler]").WaitForAsync();

        // The other dermatologist's open viewer lists it and draws it on the image, without a reload.
        await watching.Locator("[data-testid=measurement][data-kind=Ruler]").WaitForAsync(new() { Timeout = 20_000 });
        await watching.Locator("[data-testid=pane-1] [data-annotation-id]").First.WaitForAsync(new() { Timeout = 20_000 });
        Assert.Equal("px", await watching.Locator("[data-testid=measurement][data-kind=Ruler]").GetAttributeAsync("data-unit"));
    }

    [Fact]
    public async Task Alignment_keeps_an_offset_overlay_shows_the_prior_beneath_a_timeline_image_drops_into_a_pane_and_the_risk_shows_beside()
    {
        var (later, prior, current) = await CaseWithPriorAsync(extraImages: 1);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TeleDermDbContext>();
            await db.Set<LesionImage>().Where(i => i.Id == current.Id).ExecuteUpdateAsync(u => u
                .SetProperty(i => i.ScoreState, ScoreState.Scored).SetProperty(i => i.Risk, 0.73).SetProperty(i => i.RiskBand, "high")
                .SetProperty(i => i.ModelName, "test-model").SetProperty(i => i.ModelVersion, "1.0")
                .SetProperty(i => i.FeaturesJson, "{\"luminance_asymmetry\":0.42,\"p10_luminance\":0.18}"));
        }
        var page = await OpenViewerAsync(later.Id);

        // Alignment: pane B is dragged on its own, then keeps its offset when pane A moves.
        await page.GetByTestId("align").ClickAsync();
        var boxB = (await page.GetByTestId("pane-1").BoundingBoxAsync())!;
        var before = await ViewportAsync(page, 0);
        await DragAsync(page, (boxB.X + boxB.Width / 2, boxB.Y + boxB.Height / 2), (boxB.X + boxB.Width / 2 - 60, boxB.Y + boxB.Height / 2 - 40));
        await page.WaitForTimeoutAsync(600);
        Assert.Equal(before, await ViewportAsync(page, 0));
        await page.GetByTestId("align").ClickAsync();
        // Ending alignment goes through the circuit to viewer.js, which then writes the offset: wait for it.
        await Assertions.Expect(page.GetByTestId("pane-1")).ToHaveAttributeAsync("data-offset", new System.Text.RegularExpressions.Regex(@"^-?\d"), new() { Timeout = 20_000 });
        var offset = (await page.GetByTestId("pane-1").GetAttributeAsync("data-offset"))!.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        Assert.True(offset[0] > 0.02 && offset[1] > 0.02, $"pane B keeps an offset ({string.Join(",", offset)})");
        var boxA = (await page.GetByTestId("pane-0").BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(boxA.X + boxA.Width / 2, boxA.Y + boxA.Height / 2);
        await page.Mouse.WheelAsync(0, -200);
        await page.WaitForTimeoutAsync(800);
        var (a, b) = (await ViewportAsync(page, 0), await ViewportAsync(page, 1));
        Assert.Equal(a[0] + offset[0], b[0], 0.01);
        Assert.Equal(a[1] + offset[1], b[1], 0.01);
        Assert.Equal(a[2], b[2], 0.02);

        // Overlay: the current image drawn over the prior in pane A.
        await page.GetByTestId("overlay").CheckAsync();
        await page.Locator("[data-testid=pane-0][data-overlay=on]").WaitForAsync();
        await page.GetByTestId("opacity").FillAsync("0.3");

        // The oldest image dragged from the timeline into pane B.
        await page.GetByTestId("timeline-image").First.DragToAsync(page.GetByTestId("pane-1"));
        await Assertions.Expect(page.GetByTestId("pane-1")).ToHaveAttributeAsync("data-sop", prior.SopInstanceUid);
        await page.WaitForSelectorAsync("[data-testid=pane-1][data-loaded=full]");

        // The risk beside the images, never over them.
        await page.GetByTestId("timeline-image").Last.DragToAsync(page.GetByTestId("pane-1"));
        await page.GetByTestId("risk").ClickAsync();
        var panel = page.GetByTestId("risk-panel");
        await Assertions.Expect(panel).ToContainTextAsync("0.73 high");
        await Assertions.Expect(panel).ToContainTextAsync("luminance_asymmetry");
        var riskBox = (await panel.BoundingBoxAsync())!;
        var paneBox = (await page.GetByTestId("pane-1").BoundingBoxAsync())!;
        Assert.True(riskBox.X + riskBox.Width <= paneBox.X || riskBox.Y >= paneBox.Y + paneBox.Height, "the risk panel does not cover the image");
        await page.ScreenshotAsync(new() { Path = BrowserApp.ScreenshotPath("viewer-overlay-risk") });
    }
}
