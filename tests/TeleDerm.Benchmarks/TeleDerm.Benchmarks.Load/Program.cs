// Load: N worklists open (Chromium pages of one dermatologist, each its own Blazor circuit; default 200) on
// PostgreSQL while practice software sends R requests per second with a photo for M minutes (default 1/s for 10).
// Prints: each request's POST → row latency in every open worklist (p50/p95/max), the POST's own round trip,
// the managed heap per idle circuit (heap after full collections before and after the pages open, divided by N),
// the app's memory over the run (heap after a full collection and resident set, every 2 minutes: flat means no
// leak), and errors (failed requests, script errors, rows never shown). The app runs in this process; PostgreSQL is
// a private server; Chromium shares the machine. Asserts nothing.
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

        var (playwright, browser) = await HeadlessChromium.LaunchAsync();
        // One worklist opened and a few requests sent first: JIT, caches and pools are then in the heap already.
        var warmUp = await load.OpenWorklistsAsync(browser, dermatologist, 1);
        await load.RunIntakeAsync(warmUp, apiKey, gp, photo, TimeSpan.FromSeconds(5), 1, TimeSpan.FromSeconds(1));
        await warmUp[0].Context.CloseAsync();
        await Task.Delay(3000);

        var heapBefore = ProcessMemory.ManagedHeapBytes();
        var opening = Stopwatch.StartNew();
        var pages = await load.OpenWorklistsAsync(browser, dermatologist, circuits);
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
        var result = await load.RunIntakeAsync(pages, apiKey, gp, photo, TimeSpan.FromMinutes(minutes), perSecond, TimeSpan.FromSeconds(5));
        await stopSampling.CancelAsync();
        await sampling;
        memory.Add($"| {run.Elapsed.TotalMinutes:0.0} (end) | {ProcessMemory.ManagedHeapBytes() / 1048576.0:0} | {Environment.WorkingSet / 1048576.0:0} |");

        Console.WriteLine($"circuits {circuits}, {minutes} min at {perSecond}/s, {Environment.ProcessorCount} cores, load at the end {File.ReadAllText("/proc/loadavg").Trim()}");
        Console.WriteLine(result.Describe());
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
        await browser.DisposeAsync();
        playwright.Dispose();
    }

    private static string Row(string name, IReadOnlyList<double> values) => values.Count == 0
        ? $"| {name} | – | – | – |"
        : $"| {name} | {BenchmarkTimer.Percentile(values, 0.5):0} | {BenchmarkTimer.Percentile(values, 0.95):0} | {values.Max():0} |";
}
