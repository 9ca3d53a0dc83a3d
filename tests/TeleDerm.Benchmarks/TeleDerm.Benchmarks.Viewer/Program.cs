// Viewer benchmark (tests/TeleDerm.Benchmarks/viewer/run.sh): the real app on Kestrel, Debian's headless
// Chromium, a lesion with four 12-megapixel photos stored as JPEG-based DICOM instances.
// 1. Loading, ROUNDS times, each in a fresh browser context (no browser cache; the server's thumbnail cache
//    is cold in round 1 only): from the viewer's performance marks (pane-N-preview, pane-N-full, relative to
//    viewer-panes-set), and as the reference the bare fetch + createImageBitmap of the same four full-size
//    files (and of the four previews) in the same page right after.
// 2. Panning: a scripted 3-second drag in pane A zoomed ×4, with sync on (4 panes follow) and, as the
//    reference, with sync off (pane A alone); frames counted with requestAnimationFrame and long frames from
//    the browser's long-animation-frame entries.
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;
using TeleDerm.Browser.Tests;
using TeleDerm.Core.Accounts;
using TeleDerm.Testing;
using TeleDerm.Testing.Web;
using TeleDerm.Web.Features.Viewer;

var rounds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5;
var app = new BrowserApp();
await app.InitializeAsync();
try
{
    var gp = await TestAccounts.CreateAsync(app.Services, Roles.GP);
    var dermatologist = await TestAccounts.CreateAsync(app.Services, Roles.Dermatologist);
    var earlier = await TestCases.CreateSubmittedAsync(app.Services, gp.Id, publish: false);
    var later = await TestCases.CreateSubmittedAsync(app.Services, gp.Id, publish: false);
    var now = DateTime.UtcNow;
    var watch = Stopwatch.StartNew();
    var photos = Enumerable.Range(0, 4).Select(v => TestImages.DrawJpeg(4000, 3000, variant: v, quality: 92, noise: 14)).ToList();
    Console.WriteLine($"4 photos 4000x3000 drawn and encoded in {watch.Elapsed.TotalSeconds:0.0} s: {string.Join(", ", photos.Select(p => $"{p.Length / 1e6:0.00} MB"))}");
    var (lesion, _) = await TestImages.AddAsync(app.Services, earlier, photos[0], now.AddDays(-270));
    var images = new List<TeleDerm.Core.Cases.LesionImage>();
    for (var i = 1; i < 4; i++)
    {
        images.Add((await TestImages.AddAsync(app.Services, i < 3 ? earlier : later, photos[i], now.AddDays(-270 + i * 90), lesion)).Image);
    }
    var url = ViewerUrls.Viewer(later.Id, lesion.Id, layout: 4);

    // One sign-in (a TOTP code is accepted once), its cookies reused by every round's fresh context.
    var signIn = await app.NewPageAsync();
    await SignInSteps.SignInAsync(signIn, dermatologist);
    var session = await signIn.Context.StorageStateAsync();
    await signIn.Context.CloseAsync();

    var load = new List<Dictionary<string, double>>();
    for (var round = 1; round <= rounds; round++)
    {
        var context = await app.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.BaseAddress.ToString(), ViewportSize = new ViewportSize { Width = 1280, Height = 860 }, StorageState = session,
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync(url);
        for (var i = 0; i < 4; i++)
        {
            await page.WaitForSelectorAsync($"[data-testid=pane-{i}][data-loaded=full]", new() { Timeout = 120_000 });
        }
        var marks = await page.EvaluateAsync<JsonElement>("""
            () => Object.fromEntries(performance.getEntriesByType('mark').map(m => [m.name, m.startTime]))
            """);
        double Mark(string name) => marks.GetProperty(name).GetDouble();
        var set = Mark("viewer-panes-set");
        var previewUrls = await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('[data-testid=timeline-image] img')].map(i => i.src.replace('viewport=128,128', 'viewport=512,512'))");
        var fullUrls = await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('[data-testid=timeline-image]')].map(li => li.querySelector('img').src.replace('/thumbnail?viewport=128,128', '/rendered'))");
        const string fetchAndDecode = """
            async urls => { const t = performance.now();
              await Promise.all(urls.map(u => fetch(u, { cache: 'no-store' }).then(r => r.blob()).then(b => createImageBitmap(b))));
              return performance.now() - t; }
            """;
        var bareFull = await page.EvaluateAsync<double>(fetchAndDecode, fullUrls);
        var barePreview = await page.EvaluateAsync<double>(fetchAndDecode, previewUrls);
        var row = new Dictionary<string, double>
        {
            ["navigation → panes set"] = set,
            ["first picture (first pane)"] = Enumerable.Range(0, 4).Min(i => Mark($"pane-{i}-preview")) - set,
            ["picture in all 4 panes"] = Enumerable.Range(0, 4).Max(i => Mark($"pane-{i}-preview")) - set,
            ["full resolution in all 4 panes"] = Enumerable.Range(0, 4).Max(i => Mark($"pane-{i}-full")) - set,
            ["reference: fetch + decode 4 previews"] = barePreview,
            ["reference: fetch + decode 4 full JPEGs"] = bareFull,
        };
        load.Add(row);
        Console.WriteLine($"round {round}: " + string.Join("; ", row.Select(kv => $"{kv.Key} {kv.Value:0} ms")));
        if (round < rounds)
        {
            await page.Context.CloseAsync();
            continue;
        }

        // Panning, on the last round's page.
        var box = (await page.GetByTestId("pane-0").BoundingBoxAsync())!;
        await page.Mouse.ClickAsync(box.X + box.Width / 2, box.Y + box.Height / 2);
        for (var i = 0; i < 6; i++)
        {
            await page.Keyboard.PressAsync("+");
        }
        await page.WaitForTimeoutAsync(1000);
        foreach (var sync in new[] { true, false, true, false })
        {
            if (await page.GetByTestId("sync").IsCheckedAsync() != sync)
            {
                await page.GetByTestId("sync").SetCheckedAsync(sync);
            }
            await page.EvaluateAsync("""
                () => { window.__frames = []; window.__loaf = [];
                  window.__observer = new PerformanceObserver(l => window.__loaf.push(...l.getEntries().map(e => e.duration)));
                  try { window.__observer.observe({ type: 'long-animation-frame' }); } catch { }
                  const tick = t => { window.__frames.push(t); if (!window.__stop) requestAnimationFrame(tick); };
                  window.__stop = false; requestAnimationFrame(tick); }
                """);
            var start = Stopwatch.StartNew();
            await page.Mouse.MoveAsync(box.X + box.Width * 0.3f, box.Y + box.Height * 0.3f);
            await page.Mouse.DownAsync();
            var step = 0;
            while (start.Elapsed < TimeSpan.FromSeconds(3))
            {
                var t = step++ / 30.0;
                await page.Mouse.MoveAsync(box.X + box.Width * (0.3f + 0.4f * (float)Math.Abs(Math.Sin(t))), box.Y + box.Height * (0.3f + 0.4f * (float)Math.Abs(Math.Cos(t * 0.7))));
            }
            await page.Mouse.UpAsync();
            var result = await page.EvaluateAsync<JsonElement>("""
                () => { window.__stop = true; window.__observer.disconnect();
                  const f = window.__frames; const gaps = f.slice(1).map((t, i) => t - f[i]).sort((a, b) => a - b);
                  return { frames: f.length, seconds: (f[f.length - 1] - f[0]) / 1000, p95: gaps[Math.floor(gaps.length * 0.95)] ?? 0,
                           longFrames: window.__loaf.length, longFrameMs: window.__loaf.reduce((a, b) => a + b, 0) }; }
                """);
            var fps = result.GetProperty("frames").GetInt32() / result.GetProperty("seconds").GetDouble();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"panning, sync {(sync ? "on (4 panes move)" : "off (pane A alone)")}: {fps:0.0} frames/s, p95 frame interval {result.GetProperty("p95").GetDouble():0.0} ms, {step} mouse moves, long animation frames {result.GetProperty("longFrames").GetInt32()} ({result.GetProperty("longFrameMs").GetDouble():0} ms)"));
        }
    }

    Console.WriteLine();
    Console.WriteLine($"medians over {rounds} rounds (round 1: server thumbnail cache cold), ms after viewer-panes-set:");
    foreach (var key in load[0].Keys)
    {
        var values = load.Select(r => r[key]).Order().ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {key,-40} {values[values.Count / 2],8:0}   (min {values[0]:0}, max {values[^1]:0})"));
    }
    double Median(string key) => load.Select(r => r[key]).Order().ElementAt(load.Count / 2);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"ratios: full resolution in 4 panes / bare fetch+decode of the 4 files = {Median("full resolution in all 4 panes") / Median("reference: fetch + decode 4 full JPEGs"):0.00}; " +
        $"picture in 4 panes / bare fetch+decode of 4 previews = {Median("picture in all 4 panes") / Median("reference: fetch + decode 4 previews"):0.00}; " +
        $"picture in 4 panes / full resolution in 4 panes = {Median("picture in all 4 panes") / Median("full resolution in all 4 panes"):0.00}"));
}
finally
{
    await app.DisposeAsync();
}
