// Load: N worklists open (default 200) of one dermatologist, each its own Blazor circuit, on PostgreSQL while practice
// software sends R requests per second with a photo for M minutes (default 1/s for 10). The worklists are circuit
// clients (BlazorCircuitClient: the server's whole side of an open page, no rendering) or, with "browser" as the fourth
// argument, Chromium pages (which on 2 cores measure mostly the browsers' own rendering).
// Prints: each request's POST → row latency in every open worklist (p50/p95/max), the POST's own round trip,
// the managed heap per idle circuit (heap after full collections before and after the pages open, divided by N),
// the app's memory over the run (heap after a full collection and resident set, every 2 minutes: flat means no
// leak), and errors (failed requests, script or circuit errors, rows never shown). The app runs in this process;
// PostgreSQL is a private server; the clients share the machine. Asserts nothing.
using System.Diagnostics;
using System.Globalization;
using TeleDerm.Core.Accounts;
using TeleDerm.Testing;
using TeleDerm.Testing.Web;

internal static class LoadBenchmark
{
    public static async Task Main(string[] args)
    {
        var circuits = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200;
        var minutes = args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 10;
        var perSecond = args.Length > 2 ? double.Parse(args[2], CultureInfo.InvariantCulture) : 1;
        var browsers = args.Length > 3 && args[3] == "browser";
        // WebApplicationFactory finds the web project's folder through this variable outside a test project.
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_TELEDERM_WEB", Path.Combine(RepoPaths.Root, "src", "TeleDerm.Web"));
        using var postgres = PostgresServer.StartPrivate();
        await using var app = new LoopbackApp(new Dictionary<string, string?>
        {
            ["TeleDerm:Database:Provider"] = "PostgreSql",
            ["TeleDerm:Database:ConnectionString"] = postgres.CreateDatabase(),
            ["Logging:LogLevel:Default"] = "Error",
        });
        var baseAddress = app.Start();
        var (gp, apiKey) = await IntakeApiRequests.PracticeSoftwareAsync(app.Services);
        var dermatologist = await TestAccounts.CreateAsync(app.Services, Roles.Dermatologist);
        var photo = RepoPaths.IsicPhotoBytes("ISIC_0000031.jpg");
        var load = new WorklistLoad(baseAddress, app.Services);

        var (playwright, browser) = browsers ? await HeadlessChromium.LaunchAsync() : (null, null);
        Task<IReadOnlyList<IOpenWorklist>> Open(int count) =>
            browser is null ? load.OpenCircuitWorklistsAsync(dermatologist, count) : load.OpenWorklistsAsync(browser, dermatologist, count);

        // One worklist opened and a few requests sent first: JIT, caches and pools are then in the heap already.
        var warmUp = await Open(1);
        await load.RunIntakeAsync(warmUp, apiKey, gp, photo, TimeSpan.FromSeconds(5), 1, TimeSpan.FromSeconds(1));
        await warmUp[0].DisposeAsync();
        await Task.Delay(3000);

        var heapBefore = ProcessMemory.ManagedHeapBytes();
        var opening = Stopwatch.StartNew();
        var pages = await Open(circuits);
        Console.WriteLine($"{circuits} worklists open in {opening.Elapsed.TotalSeconds:0} s");
        await Task.Delay(5000);
        var heapAfter = ProcessMemory.ManagedHeapBytes();

        var memory = new List<string>();
        using var stopSampling = new CancellationTokenSource();
        var run = Stopwatch.StartNew();
        var sampling = Task.Run(async () =>
        {
            while (!stopSampling.IsCancellationRequested)
            {
                memory.Add($"| {run.Elapsed.TotalMinutes:0.0} | {ProcessMemory.ManagedHeapBytes() / 1048576.0:0} | {Environment.WorkingSet / 1048576.0:0} |");
                try
                {
                    await Task.Delay(TimeSpan.FromMinutes(2), stopSampling.Token);
                }
                catch (OperationCanceledException)
                {
                }
            }
        });
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var result = await load.RunIntakeAsync(pages, apiKey, gp, photo, TimeSpan.FromMinutes(minutes), perSecond, TimeSpan.FromSeconds(5));
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        await stopSampling.CancelAsync();
        await sampling;
        memory.Add($"| {run.Elapsed.TotalMinutes:0.0} (end) | {ProcessMemory.ManagedHeapBytes() / 1048576.0:0} | {Environment.WorkingSet / 1048576.0:0} |");

        Console.WriteLine($"{(browsers ? "Chromium pages" : "circuit clients")}: {circuits}, {minutes} min at {perSecond}/s, {Environment.ProcessorCount} cores, load at the end {File.ReadAllText("/proc/loadavg").Trim()}");
        Console.WriteLine(result.Describe());
        // The process's CPU over the run (app, intake, scoring, and the clients, which are cheap next to the server).
        Console.WriteLine($"CPU: {cpu.TotalSeconds:0.0} s over the run, {cpu.TotalMilliseconds / Math.Max(1, result.Created):0} ms per request created, {cpu.TotalMilliseconds / Math.Max(1, result.Created) / circuits:0.00} ms per request per open worklist");
        Console.WriteLine("| measure | p50 (ms) | p95 (ms) | max (ms) |");
        Console.WriteLine("| --- | ---: | ---: | ---: |");
        Console.WriteLine(Row("POST /api/v1/cases round trip (reference)", result.PostMs));
        Console.WriteLine(Row($"POST sent → row in each of the {circuits} worklists", result.RowLatenciesMs));
        Console.WriteLine($"managed heap per idle worklist circuit: {(heapAfter - heapBefore) / 1024.0 / circuits:0} KB ({heapBefore / 1048576.0:0} MB before, {heapAfter / 1048576.0:0} MB with the pages open)");
        Console.WriteLine("| minutes | managed heap after a full collection (MB) | resident set (MB) |");
        Console.WriteLine("| --- | ---: | ---: |");
        memory.ForEach(Console.WriteLine);
        foreach (var error in result.Errors.Take(20))
            Console.WriteLine($"error: {error}");
        foreach (var page in pages)
            await page.DisposeAsync();
        if (browser is not null)
            await browser.DisposeAsync();
        playwright?.Dispose();
    }

    private static string Row(string name, IReadOnlyList<double> values) => values.Count == 0
        ? $"| {name} | – | – | – |"
        : $"| {name} | {BenchmarkTimer.Percentile(values, 0.5):0} | {BenchmarkTimer.Percentile(values, 0.95):0} | {values.Max():0} |";
}
