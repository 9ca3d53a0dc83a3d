// Viewer benchmark (tests/TeleDerm.Benchmarks/viewer/run.sh): the real app on Kestrel, Debian's headless
// Chromium, two lesions with four 12-megapixel photos each, stored as JPEG-based DICOM instances, their tiles
// made by the app in the background (as after any intake) before the rounds start.
// 0. Making the tiles of one photo, beside the floor of that work: decoding the photo once at full size.
// Then ROUNDS times, each in a fresh browser context (no browser cache):
// 1. Opening the viewer at lesion A (4 panes): navigation → panes set → every pane sharp at the screen's size.
// 2. Going to lesion B (its button): click → 4 panes sharp (pane-N-full marks after the click).
// 3. Zoom to the photo's own pixels ("1", synced panes follow): key → 4 panes sharp (pane-N-sharp marks).
// 4. Pan by two panes' width (40 presses of →, each animated over 0.3 s): last key → last pane sharp.
// Each step beside its floor measured in the same page right after: fetch (no cache) + createImageBitmap of the
// very tiles the step fetched, in parallel, i.e. reading the stored renditions from disk and decoding them.
// 5. On the last round, panning frame rate with sync on (4 panes) and off (1 pane), from requestAnimationFrame.
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;
using TeleDerm.Browser.Tests;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Scoring;
using TeleDerm.Dicom.Stores;
using TeleDerm.Imaging;
using TeleDerm.Testing;
using TeleDerm.Testing.Web;
using TeleDerm.Web.Features.Images;
using TeleDerm.Web.Features.Viewer;
using TeleDerm.Web.Features.Viewer.Tiles;
using TeleDerm.Web.Hosting;

var tileCounts = new List<int>();
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
    var photos = Enumerable.Range(0, 8).Select(v => TestImages.DrawJpeg(4000, 3000, variant: v, quality: 92, noise: 14)).ToList();
    Console.WriteLine($"8 photos 4000x3000 drawn and encoded in {watch.Elapsed.TotalSeconds:0.0} s: {string.Join(", ", photos.Select(p => $"{p.Length / 1e6:0.00} MB"))}");
    var images = new List<TeleDerm.Core.Cases.LesionImage>();
    var (lesionA, first) = await TestImages.AddAsync(app.Services, earlier, photos[0], now.AddDays(-270));
    images.Add(first);
    for (var i = 1; i < 4; i++)
    {
        images.Add((await TestImages.AddAsync(app.Services, i < 3 ? earlier : later, photos[i], now.AddDays(-270 + i * 90), lesionA)).Image);
    }
    var (lesionB, firstOfB) = await TestImages.AddAsync(app.Services, later, photos[4], now.AddDays(-200), bodySiteCode: "368209003");
    images.Add(firstOfB);
    for (var i = 5; i < 8; i++)
    {
        images.Add((await TestImages.AddAsync(app.Services, later, photos[i], now.AddDays(-200 + (i - 4) * 50), lesionB)).Image);
    }

    // The tiles are made in the background after each image's score, as after an intake.
    watch.Restart();
    var tiles = app.Services.GetRequiredService<ViewerTiles>();
    while (images.Any(i => !tiles.IsMade(i)))
    {
        await app.Services.GetRequiredService<ScoringWorker>().ProcessDueAsync(CancellationToken.None);
        await Task.Delay(100);
        if (watch.Elapsed > TimeSpan.FromMinutes(5))
        {
            throw new TimeoutException("The tiles of the 8 photos were not made within 5 minutes.");
        }
    }
    Console.WriteLine($"scored and tiled in the background: 8 photos in {watch.Elapsed.TotalSeconds:0.0} s");
    await MeasureTileMakingAsync(app.Services, images[0]);

    var url = ViewerUrls.Viewer(later.Id, lesionA.Id, layout: 4);
    var signIn = await app.NewPageAsync();
    await SignInSteps.SignInAsync(signIn, dermatologist);
    var session = await signIn.Context.StorageStateAsync();
    await signIn.Context.CloseAsync();

    var results = new List<Dictionary<string, double>>();
    for (var round = 1; round <= rounds; round++)
    {
        var context = await app.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.BaseAddress.ToString(), ViewportSize = new ViewportSize { Width = 1280, Height = 860 }, StorageState = session,
        });
        // The browser keeps 250 resource timings by default: the floors need every tile's.
        await context.AddInitScriptAsync("performance.setResourceTimingBufferSize(100000)");
        var page = await context.NewPageAsync();
        var row = new Dictionary<string, double>();
        tileCounts.Clear();

        await page.GotoAsync(url);
        var open = await WaitForMarksAsync(page, 0, "full");
        var set = await page.EvaluateAsync<double>("() => performance.getEntriesByName('viewer-panes-set')[0].startTime");
        row["open: navigation → panes set"] = set;
        row["open: panes set → 4 panes sharp"] = open - set;
        row["open: floor"] = await FloorAsync(page, set);
        await page.WaitForTimeoutAsync(1500); // the next lesion's tiles are prefetched once these are drawn

        var t0 = await page.EvaluateAsync<double>($"() => {{ const t = performance.now(); document.querySelector('[data-testid=lesion-{lesionB.Id}]').click(); return t; }}");
        row["next lesion: click → 4 panes sharp"] = await WaitForMarksAsync(page, t0, "full") - t0;
        row["next lesion: floor"] = await FloorAsync(page, t0);
        await page.WaitForTimeoutAsync(500);

        var box = (await page.GetByTestId("pane-0").BoundingBoxAsync())!;
        await page.Mouse.ClickAsync(box.X + box.Width / 2, box.Y + box.Height / 2);
        await page.WaitForTimeoutAsync(300);
        t0 = await page.EvaluateAsync<double>("() => performance.now()");
        await page.Keyboard.PressAsync("1");
        row["zoom to own pixels: key → 4 panes sharp"] = await WaitForMarksAsync(page, t0, "sharp") - t0;
        row["zoom to own pixels: floor"] = await FloorAsync(page, t0);
        await page.WaitForTimeoutAsync(500);

        // Forty presses of → (each pans 5% of the pane, animated): the view moves by two panes' width (a tile is wider than a
        // pane here, so one width may need no new tile). Timed from the
        // last press to the last pane's last sharp mark (tiles load during the animation: 0 if all were there before).
        var firstPress = await page.EvaluateAsync<double>("() => performance.now()");
        for (var press = 0; press < 39; press++)
        {
            await page.Keyboard.PressAsync("ArrowRight");
        }
        t0 = await page.EvaluateAsync<double>("() => performance.now()");
        await page.Keyboard.PressAsync("ArrowRight");
        await page.WaitForTimeoutAsync(2000);
        row["pan two screens: last key → 4 panes sharp"] = Math.Max(0, await page.EvaluateAsync<double>($$"""
            () => Math.max(...[0, 1, 2, 3].map(i => Math.max(0, ...performance.getEntriesByName(`pane-${i}-sharp`)
              .filter(m => m.startTime > {{firstPress.ToString(CultureInfo.InvariantCulture)}}).map(m => m.startTime))))
            """) - t0);
        row["pan two screens: floor"] = await FloorAsync(page, firstPress);
        row["one tile fetched alone (mean of 10)"] = await page.EvaluateAsync<double>("""
            async () => { const u = performance.getEntriesByType('resource').filter(e => e.name.includes('/tiles/')).at(-1).name; const t = performance.now();
              for (let i = 0; i < 10; i++) await fetch(u, { cache: 'no-store' }).then(r => r.blob());
              return (performance.now() - t) / 10; }
            """);
        row["metadata fetched alone (mean of 10)"] = await page.EvaluateAsync<double>("""
            async () => { const u = performance.getEntriesByType('resource').filter(e => e.name.includes('/tiles/')).at(-1).name.replace(/\/tiles\/.*$/, '/metadata'); const t = performance.now();
              for (let i = 0; i < 10; i++) await fetch(u, { cache: 'no-store' }).then(r => r.blob());
              return (performance.now() - t) / 10; }
            """);
        row["tiles fetched in the round (a count, not ms)"] = await page.EvaluateAsync<double>("() => performance.getEntriesByType('resource').filter(e => e.name.includes('/tiles/')).length");

        results.Add(row);
        Console.WriteLine("tiles per step (open, next lesion, zoom, pan): " + string.Join(", ", tileCounts));
        Console.WriteLine($"round {round}: " + string.Join("; ", row.Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Key} {kv.Value:0} ms"))));
        if (round == rounds)
        {
            await PanningFrameRateAsync(page, box);
        }
        await context.CloseAsync();
    }

    Console.WriteLine();
    Console.WriteLine($"over {rounds} rounds, ms: median, p95 (of so few rounds: the maximum), min");
    foreach (var key in results[0].Keys)
    {
        var values = results.Select(r => r[key]).Order().ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {key,-45} {values[values.Count / 2],7:0} {Percentile(values, 0.95),7:0} {values[0],7:0}"));
    }
    foreach (var step in new[] { "next lesion: click → 4 panes sharp", "zoom to own pixels: key → 4 panes sharp", "pan two screens: last key → 4 panes sharp", "open: panes set → 4 panes sharp" })
    {
        var floorKey = step[..step.IndexOf(':')] + ": floor";
        double Median(string key) => results.Select(r => r[key]).Order().ElementAt(results.Count / 2);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio {step} / its floor (medians): {Median(step) / Median(floorKey):0.00}"));
    }
}
finally
{
    await app.DisposeAsync();
}

static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

// The time (page clock) at which every one of the 4 panes had a pane-N-<stage> mark after t0.
static async Task<double> WaitForMarksAsync(IPage page, double t0, string stage)
{
    var handle = await page.WaitForFunctionAsync($$"""
        () => {
          const times = [0, 1, 2, 3].map(i => performance.getEntriesByName(`pane-${i}-{{stage}}`).filter(m => m.startTime > {{t0.ToString(CultureInfo.InvariantCulture)}}).map(m => m.startTime)[0]);
          return times.every(t => t !== undefined) ? Math.max(...times) : null;
        }
        """, null, new() { Timeout = 60_000, PollingInterval = 10 });
    return await handle.JsonValueAsync<double>();
}

// The floor of a step: the tiles it fetched, fetched again from the server without any cache and decoded, all at once.
async Task<double> FloorAsync(IPage page, double t0)
{
    var ms = await page.EvaluateAsync<double>($$"""
    async () => {
      const urls = [...new Set(performance.getEntriesByType('resource').filter(e => e.name.includes('/tiles/') && e.startTime > {{t0.ToString(CultureInfo.InvariantCulture)}}).map(e => e.name))];
      window.__floorTiles = urls.length;
      const t = performance.now();
      await Promise.all(urls.map(u => fetch(u, { cache: 'no-store' }).then(r => r.blob()).then(b => createImageBitmap(b))));
      return performance.now() - t;
    }
    """);
    tileCounts.Add(await page.EvaluateAsync<int>("() => window.__floorTiles"));
    return ms;
}

// Making one photo's tiles again (a fresh tile folder), three times, beside decoding the photo once at full size.
static async Task MeasureTileMakingAsync(IServiceProvider services, TeleDerm.Core.Cases.LesionImage image)
{
    var store = services.GetRequiredService<IDicomStore>();
    var frame = (await store.RetrieveFrameAsync(StoredFrames.Key(image), 1))!;
    var (making, decoding) = (new List<double>(), new List<double>());
    for (var i = 0; i < 3; i++)
    {
        var folder = Directory.CreateTempSubdirectory("teleDerm-tiles-bench-").FullName;
        try
        {
            using var tiles = new ViewerTiles(store, Options.Create(new TeleDermOptions { DataDirectory = folder }), Options.Create(new ViewerTileOptions()), NullLogger<ViewerTiles>.Instance);
            var watch = Stopwatch.StartNew();
            await tiles.PackAsync(image, CancellationToken.None);
            making.Add(watch.Elapsed.TotalMilliseconds);
            watch.Restart();
            ImageDecoder.Decode(frame, new DecodeOptions { ApplyExifOrientation = false });
            decoding.Add(watch.Elapsed.TotalMilliseconds);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"tiles of one 12 MP photo made in {making[^1]:0} ms ({new DirectoryInfo(Path.Combine(folder, "tiles")).GetFiles().Sum(f => f.Length) / 1024} KB; the photo's JPEG {frame.Length / 1024} KB); floor, one full-size decode: {decoding[^1]:0} ms"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"making tiles / full-size decode (medians): {making.Order().ElementAt(1) / decoding.Order().ElementAt(1):0.00}"));
}

static async Task PanningFrameRateAsync(IPage page, LocatorBoundingBoxResult box)
{
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
            $"panning at the photo's own pixels, sync {(sync ? "on (4 panes move)" : "off (pane A alone)")}: {fps:0.0} frames/s, p95 frame interval {result.GetProperty("p95").GetDouble():0.0} ms, {step} mouse moves, long animation frames {result.GetProperty("longFrames").GetInt32()} ({result.GetProperty("longFrameMs").GetDouble():0} ms)"));
    }
}
