using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Cases;
using TeleDerm.Testing;

namespace TeleDerm.Testing.Web;

/// <summary>
/// A department's morning, compressed: many dermatologists' worklists open (Chromium pages or circuit clients, each
/// its own Blazor circuit) while practice software sends requests with a photo at a steady rate. Each request is timed
/// from the moment its POST starts to the moment its row appears in the observed worklists (a MutationObserver stamps
/// each row with the browser's clock, a circuit client stamps the render batch that brings it; all share the
/// machine's clock). The GP cancels each case a few
/// seconds later so that the worklist stays one page. Used by the load benchmark (tests/TeleDerm.Benchmarks/load)
/// and, in a small slice, by the test suite.
/// </summary>
public sealed class WorklistLoad(Uri baseAddress, IServiceProvider services)
{
    private const string StampRows = """
        () => {
          window.rowSeenAt = {};
          const stamp = () => document.querySelectorAll('[data-testid^="case-"]').forEach(e => {
            const reference = e.textContent.trim();
            if (!(reference in window.rowSeenAt)) window.rowSeenAt[reference] = performance.timeOrigin + performance.now();
          });
          new MutationObserver(stamp).observe(document.body, { childList: true, subtree: true, characterData: true });
          stamp();
        }
        """;

    private readonly ConcurrentQueue<string> errors = new();

    /// <summary>Opens <paramref name="count"/> worklists of one signed-in dermatologist in Chromium (one browser context, one sign-in).</summary>
    public async Task<IReadOnlyList<IOpenWorklist>> OpenWorklistsAsync(IBrowser browser, TestAccount dermatologist, int count)
    {
        var context = await browser.NewContextAsync(new() { BaseURL = baseAddress.ToString(), Locale = "en-GB" });
        context.SetDefaultTimeout(60_000);
        var pages = new List<IOpenWorklist>();
        for (var i = 0; i < count; i++)
        {
            var page = await context.NewPageAsync();
            var number = i;
            page.PageError += (_, error) => errors.Enqueue($"page {number}: {error}");
            page.Console += (_, message) =>
            {
                // A resource that failed is reported with its address by the Response handler.
                if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal))
                    errors.Enqueue($"page {number} console: {message.Text}");
            };
            page.Response += (_, response) =>
            {
                if (response.Status >= 400)
                    errors.Enqueue($"page {number}: {response.Status} {response.Url}");
            };
            if (i == 0)
            {
                await SignInSteps.SignInAsync(page, dermatologist);
            }
            await page.GotoAsync("/worklist");
            await SignInSteps.WaitForInteractiveAsync(page);
            await page.GetByTestId("worklist").WaitForAsync();
            await page.EvaluateAsync(StampRows);
            pages.Add(new BrowserWorklist(page));
        }
        return pages;
    }

    /// <summary>
    /// Opens <paramref name="count"/> worklists of one signed-in dermatologist as <see cref="BlazorCircuitClient"/>s: the
    /// server's side of as many open pages, without the browsers' rendering (one sign-in, shared cookies).
    /// </summary>
    public async Task<IReadOnlyList<IOpenWorklist>> OpenCircuitWorklistsAsync(TestAccount dermatologist, int count)
    {
        var cookies = new CookieContainer();
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = baseAddress };
        await new FormSession(client).SignInAsync(dermatologist);
        var worklists = new List<IOpenWorklist>();
        for (var i = 0; i < count; i++)
        {
            var worklist = new CircuitWorklist();
            worklist.Client = await BlazorCircuitClient.OpenAsync(baseAddress, cookies, "/worklist", worklist.Stamp);
            worklists.Add(worklist);
        }
        return worklists;
    }

    /// <summary>
    /// Sends requests at <paramref name="perSecond"/> for <paramref name="duration"/> (each in its own task: a slow
    /// answer does not delay the next), waits for their rows, and reads when each page first showed each row.
    /// </summary>
    public async Task<WorklistLoadResult> RunIntakeAsync(IReadOnlyList<IOpenWorklist> pages, string apiKey, TestAccount gp, byte[] photo, TimeSpan duration,
        double perSecond, TimeSpan cancelAfter)
    {
        using var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
        var commands = services.GetRequiredService<CaseCommands>();
        var gpActor = new Actor(gp.Id, gp.Email, Roles.GP, null, null, null);
        var sent = new ConcurrentDictionary<string, double>();
        var postMs = new ConcurrentBag<double>();
        var work = new List<Task>();
        var clock = Stopwatch.StartNew();
        var count = (int)Math.Round(duration.TotalSeconds * perSecond);
        var run = Guid.NewGuid().ToString("N")[..6]; // patients of an earlier run are other people
        for (var i = 0; i < count; i++)
        {
            var due = TimeSpan.FromSeconds(i / perSecond) - clock.Elapsed;
            if (due > TimeSpan.Zero)
                await Task.Delay(due);
            var number = i;
            work.Add(Task.Run(async () =>
            {
                var json = IntakeApiRequests.Json(gp.Email, IntakeApiRequests.Patient(familyName: $"Charge-{run}-{number}", nationalHealthId: null)).ToJsonString();
                var sentAt = UnixMilliseconds();
                try
                {
                    using var response = await http.SendAsync(IntakeApiRequests.Submit(apiKey, Guid.NewGuid().ToString(), IntakeApiRequests.Body(json, ("photo1", "lesion.jpg", photo))));
                    postMs.Add(UnixMilliseconds() - sentAt);
                    if (response.StatusCode != HttpStatusCode.Created)
                    {
                        errors.Enqueue($"request {number}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                        return;
                    }
                    var created = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
                    sent[created["reference"]!.GetValue<string>()] = sentAt;
                    await Task.Delay(cancelAfter);
                    await commands.ApplyAsync(Guid.Parse(created["id"]!.GetValue<string>()), gpActor, CaseAction.Cancel);
                }
                catch (Exception ex)
                {
                    errors.Enqueue($"request {number}: {ex.GetType().Name}: {ex.Message}");
                }
            }));
        }
        await Task.WhenAll(work);

        var latencies = new List<double>();
        var missed = 0;
        foreach (var page in pages)
        {
            var seen = await page.RowsSeenAsync();
            foreach (var (reference, sentAt) in sent)
            {
                if (seen.TryGetValue(reference, out var seenAt))
                    latencies.Add(seenAt - sentAt);
                else
                    missed++;
            }
        }
        return new WorklistLoadResult(count, sent.Count, [.. postMs], latencies, missed, [.. errors, .. CircuitErrors(pages)]);
    }

    /// <summary>Errors the open worklists' servers reported (circuit clients only; pages report theirs as they happen).</summary>
    private static IEnumerable<string> CircuitErrors(IReadOnlyList<IOpenWorklist> pages) =>
        pages.OfType<CircuitWorklist>().SelectMany((worklist, i) => worklist.Client.Errors.Select(error => $"circuit {i}: {error}"));

    internal static double UnixMilliseconds() => (DateTimeOffset.UtcNow - DateTimeOffset.UnixEpoch).TotalMilliseconds;
}

/// <summary>An open worklist whose rows are timed: when each case reference first appeared in it (Unix milliseconds).</summary>
public interface IOpenWorklist : IAsyncDisposable
{
    Task<IReadOnlyDictionary<string, double>> RowsSeenAsync();
}

/// <summary>A Chromium page: a MutationObserver stamps each row with the browser's clock.</summary>
internal sealed class BrowserWorklist(IPage page) : IOpenWorklist
{
    public async Task<IReadOnlyDictionary<string, double>> RowsSeenAsync() => await page.EvaluateAsync<Dictionary<string, double>>("() => window.rowSeenAt");

    public ValueTask DisposeAsync() => new(page.CloseAsync());
}

/// <summary>A circuit client: a row is stamped when the first render batch that writes its reference arrives.</summary>
internal sealed class CircuitWorklist : IOpenWorklist
{
    private readonly ConcurrentDictionary<string, double> seen = new();

    public BlazorCircuitClient Client { get; set; } = null!;

    public void Stamp(ReadOnlyMemory<byte> batch)
    {
        var at = WorklistLoad.UnixMilliseconds();
        foreach (var reference in BlazorCircuitClient.References(batch.Span))
            seen.TryAdd(reference, at);
    }

    public Task<IReadOnlyDictionary<string, double>> RowsSeenAsync() => Task.FromResult<IReadOnlyDictionary<string, double>>(seen);

    public ValueTask DisposeAsync() => Client.DisposeAsync();
}

/// <param name="Sent">Requests sent.</param>
/// <param name="Created">Requests answered 201.</param>
/// <param name="PostMs">Each POST's round trip.</param>
/// <param name="RowLatenciesMs">POST sent → row shown, for every created case in every page.</param>
/// <param name="MissedRows">(page, case) pairs where the row never appeared.</param>
/// <param name="Errors">Failed requests, script errors in the pages.</param>
public sealed record WorklistLoadResult(int Sent, int Created, IReadOnlyList<double> PostMs, IReadOnlyList<double> RowLatenciesMs, int MissedRows, IReadOnlyList<string> Errors)
{
    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"{Created}/{Sent} created; rows {(RowLatenciesMs.Count == 0 ? "never seen" : $"p50 {BenchmarkTimer.Percentile(RowLatenciesMs, 0.5):0} ms, p95 {BenchmarkTimer.Percentile(RowLatenciesMs, 0.95):0} ms")}; {MissedRows} missed; {Errors.Count} errors{(Errors.Count > 0 ? ": " + string.Join(" | ", Errors.Take(5)) : "")}");
}
