// Idle circuit memory: how much managed heap one open, idle worklist holds on the server. A dermatologist signs
// in once; N pages of the same browser context open /worklist (25 cases, one full page), each its own Blazor
// circuit, and are left idle. The server's managed heap is measured after full collections before the pages open
// and once they have all rendered; the difference divided by N is the cost of one idle worklist circuit. The app
// runs in this process, so the heap measured is the app's. Prints the figures; asserts nothing. With
// TELEDERM_HOLD_SECONDS=N it waits N seconds before and after opening the pages, for heap dumps taken from outside.
using System.Globalization;
using Microsoft.Playwright;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Cases;
using TeleDerm.Testing;
using TeleDerm.Testing.Web;

internal static class CircuitMemoryBenchmark
{
    public static async Task Main(string[] args)
    {
        var pages = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20;
        // WebApplicationFactory finds the web project's folder through this variable outside a test project.
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_TELEDERM_WEB", Path.Combine(RepoPaths.Root, "src", "TeleDerm.Web"));
        await using var app = new LoopbackApp(new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Error" });
        var baseAddress = app.Start();

        var gp = await TestAccounts.CreateAsync(app.Services, Roles.GP);
        var dermatologist = await TestAccounts.CreateAsync(app.Services, Roles.Dermatologist);
        for (var i = 0; i < 25; i++)
        {
            await TestCases.CreateSubmittedAsync(app.Services, gp.Id, (Urgency)(i % 3), risk: i / 25.0, publish: false);
        }

        var (playwright, browser) = await HeadlessChromium.LaunchAsync();
        var context = await browser.NewContextAsync(new() { BaseURL = baseAddress.ToString(), Locale = "en-GB", ViewportSize = new ViewportSize { Width = 1280, Height = 860 } });
        var first = await context.NewPageAsync();
        await SignInSteps.SignInAsync(first, dermatologist);
        // One worklist opened and closed first: JIT, caches and the model's bands are then already in the heap.
        await OpenWorklistAsync(first);
        await first.GotoAsync("about:blank");
        await Task.Delay(2000);

        var before = Heap();
        await HoldForHeapDumpAsync("before the pages open");
        var open = new List<IPage>();
        for (var i = 0; i < pages; i++)
        {
            var page = await context.NewPageAsync();
            await OpenWorklistAsync(page);
            open.Add(page);
        }
        await Task.Delay(3000);
        var after = Heap();
        await HoldForHeapDumpAsync($"with {pages} idle worklists open");
        var perCircuit = (after - before) / pages;
        Console.WriteLine($"idle worklist circuits: {pages}; managed heap {before / 1024.0:0} KB before, {after / 1024.0:0} KB after; {perCircuit / 1024.0:0} KB per circuit");
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, load {File.ReadAllText("/proc/loadavg").Trim()}");
        await browser.DisposeAsync();
        playwright.Dispose();
    }

    private static async Task OpenWorklistAsync(IPage page)
    {
        await page.GotoAsync("/worklist");
        await page.WaitForSelectorAsync("main[data-interactive=true]");
        await page.Locator("a[data-testid^=case-]").Nth(24).WaitForAsync();
    }

    /// <summary>
    /// With TELEDERM_HOLD_SECONDS set, waits that long so that a heap dump can be taken from outside
    /// (dotnet-gcdump collect -p PID), to see what each circuit holds.
    /// </summary>
    private static async Task HoldForHeapDumpAsync(string moment)
    {
        if (int.TryParse(Environment.GetEnvironmentVariable("TELEDERM_HOLD_SECONDS"), CultureInfo.InvariantCulture, out var seconds) && seconds > 0)
        {
            Console.WriteLine($"holding {seconds} s {moment}: dotnet-gcdump collect -p {Environment.ProcessId}");
            await Task.Delay(TimeSpan.FromSeconds(seconds));
        }
    }

    private static long Heap() => ProcessMemory.ManagedHeapBytes();
}
