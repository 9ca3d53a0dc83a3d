// Idle circuit memory: how much managed heap one open, idle worklist holds on the server. A dermatologist signs
// in once; N pages of the same browser context open /worklist (25 cases, one full page), each its own Blazor
// circuit, and are left idle. The server's managed heap is measured after full collections before the pages open
// and once they have all rendered; the difference divided by N is the cost of one idle worklist circuit. The app
// runs in this process, so the heap measured is the app's. With "clients" as the second argument the worklists are
// circuit clients (BlazorCircuitClient) in a child process instead of Chromium pages: the same circuits on the server,
// and nothing of the clients' own in the measured heap. Prints the figures; asserts nothing. With
// TELEDERM_HOLD_SECONDS=N it waits N seconds before and after opening the pages, for heap dumps taken from outside.
// With TELEDERM_CIRCUIT_PATH=/not-found (clients only) the circuits open that page instead: the same layout around the
// smallest page, the floor a worklist circuit is compared with.
using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.Playwright;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Cases;
using TeleDerm.Testing;
using TeleDerm.Testing.Web;

internal static class CircuitMemoryBenchmark
{
    public static async Task Main(string[] args)
    {
        if (args is ["--open-circuits", var address, var cookieHeader, var count])
        {
            await OpenCircuitsUntilToldAsync(new Uri(address), cookieHeader, int.Parse(count, CultureInfo.InvariantCulture));
            return;
        }
        var pages = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20;
        var clients = args.Length > 1 && args[1] == "clients";
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

        if (clients)
        {
            // Signed in once here; the child gets the session's cookies (a second sign-in would reuse the authenticator code).
            var cookies = new CookieContainer();
            using (var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = baseAddress })
            {
                await new FormSession(client).SignInAsync(dermatologist);
            }
            var session = cookies.GetCookieHeader(baseAddress);
            // One worklist opened and closed first: JIT, caches and the model's bands are then already in the heap.
            await using (await CircuitsProcess.OpenAsync(baseAddress, session, 1))
            {
            }
            await Task.Delay(2000);
            var before = Heap();
            await HoldForHeapDumpAsync("before the circuits open");
            await using var open = await CircuitsProcess.OpenAsync(baseAddress, session, pages);
            await Task.Delay(3000);
            var after = Heap();
            await HoldForHeapDumpAsync($"with {pages} idle worklist circuits open");
            Report("circuit clients in a child process", pages, before, after);
            return;
        }

        var (playwright, browser) = await HeadlessChromium.LaunchAsync();
        var context = await browser.NewContextAsync(new() { BaseURL = baseAddress.ToString(), Locale = "en-GB", ViewportSize = new ViewportSize { Width = 1280, Height = 860 } });
        var first = await context.NewPageAsync();
        await SignInSteps.SignInAsync(first, dermatologist);
        // One worklist opened and closed first: JIT, caches and the model's bands are then already in the heap.
        await OpenWorklistAsync(first);
        await first.GotoAsync("about:blank");
        await Task.Delay(2000);

        var heapBefore = Heap();
        await HoldForHeapDumpAsync("before the pages open");
        var openPages = new List<IPage>();
        for (var i = 0; i < pages; i++)
        {
            var page = await context.NewPageAsync();
            await OpenWorklistAsync(page);
            openPages.Add(page);
        }
        await Task.Delay(3000);
        var heapAfter = Heap();
        await HoldForHeapDumpAsync($"with {pages} idle worklists open");
        Report("Chromium pages", pages, heapBefore, heapAfter);
        await browser.DisposeAsync();
        playwright.Dispose();
    }

    private static void Report(string what, int pages, long before, long after)
    {
        Console.WriteLine($"idle circuits of {CircuitPath} ({what}): {pages}; managed heap {before / 1024.0:0} KB before, {after / 1024.0:0} KB after; {(after - before) / pages / 1024.0:0} KB per circuit");
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, load {File.ReadAllText("/proc/loadavg").Trim()}");
    }

    /// <summary>The child process: opens the circuits with the session's cookies, says so, and keeps them until its input closes.</summary>
    private static async Task OpenCircuitsUntilToldAsync(Uri baseAddress, string cookieHeader, int count)
    {
        var cookies = new CookieContainer();
        foreach (var pair in cookieHeader.Split("; "))
        {
            var (name, value) = (pair[..pair.IndexOf('=')], pair[(pair.IndexOf('=') + 1)..]);
            cookies.Add(new System.Net.Cookie(name, value, "/", baseAddress.Host));
        }
        var circuits = new List<BlazorCircuitClient>();
        for (var i = 0; i < count; i++)
            circuits.Add(await BlazorCircuitClient.OpenAsync(baseAddress, cookies, CircuitPath));
        Console.WriteLine($"open {count}");
        await Console.In.ReadToEndAsync();
        foreach (var circuit in circuits)
            await circuit.DisposeAsync();
    }

    /// <summary>The page each circuit client opens (TELEDERM_CIRCUIT_PATH, inherited by the child process).</summary>
    private static string CircuitPath => Environment.GetEnvironmentVariable("TELEDERM_CIRCUIT_PATH") is { Length: > 1 } path && path.StartsWith('/') ? path : "/worklist";

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

    /// <summary>This program run as the child that holds the circuits; disposing it closes them (and waits for it to exit).</summary>
    private sealed class CircuitsProcess(Process process) : IAsyncDisposable
    {
        public static async Task<CircuitsProcess> OpenAsync(Uri baseAddress, string cookieHeader, int count)
        {
            var start = new ProcessStartInfo(Environment.ProcessPath!)
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
            };
            foreach (var argument in new[] { typeof(CircuitMemoryBenchmark).Assembly.Location, "--open-circuits", baseAddress.ToString(), cookieHeader, count.ToString(CultureInfo.InvariantCulture) })
                start.ArgumentList.Add(argument);
            var process = Process.Start(start)!;
            var line = await process.StandardOutput.ReadLineAsync();
            if (line != $"open {count}")
                throw new InvalidOperationException($"The circuits' process said '{line}' (exit code {(process.HasExited ? process.ExitCode : "none yet")}).");
            return new CircuitsProcess(process);
        }

        public async ValueTask DisposeAsync()
        {
            process.StandardInput.Close();
            await process.WaitForExitAsync();
            process.Dispose();
        }
    }
}
