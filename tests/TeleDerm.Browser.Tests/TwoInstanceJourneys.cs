using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Cases;
using TeleDerm.Core.Data;
using TeleDerm.Testing;

namespace TeleDerm.Browser.Tests;

/// <summary>
/// The documented deployment of two instances (docs/operations.md): real nginx in front with the documented
/// configuration, one PostgreSQL, one data folder and one key ring. Instance A runs in this process (the test reads
/// the database through it); instance B is a process of its own, killed without warning in the middle of a
/// dermatologist's work and of a burst of photos to score.
/// </summary>
[Collection(RunAlone.Name)]
public sealed class TwoInstanceJourneys : IAsyncLifetime
{
    private readonly Dictionary<string, string?> settings = new()
    {
        ["TeleDerm:Database:Provider"] = "PostgreSql",
        ["TeleDerm:Database:ConnectionString"] = PostgresServer.Shared.CreateDatabase(),
        ["TeleDerm:DataDirectory"] = Directory.CreateTempSubdirectory("teleDerm-shared-data-").FullName,
        ["TeleDerm:Security:KeyStore"] = "Database",
        // A crashed instance's scoring leases run out quickly here (10 s, the least allowed; 5 minutes by default).
        ["TeleDerm:Scoring:Lease"] = "00:00:10",
        ["TeleDerm:Scoring:PollInterval"] = "00:00:01",
    };
    private LoopbackApp instanceA = null!;
    private AppProcess instanceB = null!;
    private NginxLoadBalancer balancer = null!;
    private IPlaywright playwright = null!;
    private IBrowser browser = null!;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> steps = new();

    /// <summary>When the test did what (the failure report sets it beside the page's events).</summary>
    private void Step(string what) => steps.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} {what}");

    public async Task InitializeAsync()
    {
        // A also keeps what Blazor logs of the events it receives (the failure report quotes it; the console does not).
        instanceA = new LoopbackApp(new Dictionary<string, string?>(settings)
        {
            ["Logging:LogLevel:Microsoft.AspNetCore.Components.RenderTree"] = "Debug",
            ["Logging:LogLevel:Microsoft.AspNetCore.Components.Server"] = "Debug",
            ["Logging:Console:LogLevel:Microsoft.AspNetCore.Components"] = "Warning",
        });
        instanceA.Problems.AlsoKeep("Microsoft.AspNetCore.Components");
        instanceA.Start(); // migrates the database before B starts
        instanceB = new AppProcess(settings);
        await instanceB.WaitUntilReadyAsync(TimeSpan.FromSeconds(90));
        balancer = new NginxLoadBalancer(instanceA.BaseAddress, instanceB.BaseAddress);
        (playwright, browser) = await HeadlessChromium.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        await browser.DisposeAsync();
        playwright.Dispose();
        balancer.Dispose();
        instanceB.Dispose();
        await instanceA.DisposeAsync();
    }

    [Fact]
    public async Task A_dermatologist_on_an_instance_that_dies_carries_on_through_the_other_and_every_photo_is_scored_once()
    {
        var (gp, apiKey) = await IntakeApiRequests.PracticeSoftwareAsync(instanceA.Services);
        var dermatologist = await TestAccounts.CreateAsync(instanceA.Services, Roles.Dermatologist);

        // The dermatologist's browser is routed to B by the balancer's cookie.
        var context = await browser.NewContextAsync(new() { BaseURL = balancer.BaseAddress.ToString(), Locale = "en-GB" });
        context.SetDefaultTimeout(20_000);
        await context.AddCookiesAsync([new Microsoft.Playwright.Cookie
        {
            Name = NginxLoadBalancer.RouteCookie, Value = await balancer.RouteToAsync(instanceB.BaseAddress), Domain = "127.0.0.1", Path = "/",
        }]);
        await context.AddInitScriptAsync(PageEventLog);
        var page = await context.NewPageAsync();
        var console = new System.Collections.Concurrent.ConcurrentQueue<string>();
        page.Console += (_, message) => console.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} {message.Type}: {message.Text}");
        await SignInSteps.SignInAsync(page, dermatologist);
        var worklist = await page.GotoAsync("/worklist");
        Assert.Equal(instanceB.BaseAddress.Authority, worklist!.Headers[NginxLoadBalancer.UpstreamHeader.ToLowerInvariant()]);
        await SignInSteps.WaitForInteractiveAsync(page);

        // The GP's software submits on A; the row appears live in the worklist served by B.
        var first = await SubmitAsync(instanceA.BaseAddress, apiKey, gp.Email, "Premier");
        await page.GetByTestId($"case-{first.Reference}").WaitForAsync();

        // On B the dermatologist claims the case and starts an answer (typed, never sent).
        await page.GotoAsync($"/cases/{first.Id}");
        await SignInSteps.WaitForInteractiveAsync(page);
        await page.GetByTestId("action-Claim").ClickAsync();
        await page.GetByTestId("answer-form").WaitForAsync();
        await SelectSteps.ChooseAsync(page, "diagnosis-code-select", "L57.0");
        await page.GetByTestId("message-to-gp").FillAsync("Actinic keratosis; review in three months");

        // A burst of requests (six at once, three photos each) lands on B, whose scoring worker takes their photos one
        // after the other; B dies as soon as the last is accepted, photos still waiting or being scored there.
        var burst = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => SubmitAsync(instanceB.BaseAddress, apiKey, gp.Email, $"Rafale{i}", photos: 3)));
        var pendingBeforeKill = (await ImagesAsync(burst.Select(c => c.Id).ToList())).Count(i => i.ScoreState == ScoreState.Pending);
        instanceB.Kill();
        Step("B killed");
        Assert.True(pendingBeforeKill > 0, "B had scored every photo before it was killed: the take-over was not exercised.");

        // The page notices, reconnects through nginx to A, reloads itself there, still signed in, the answer typed intact.
        await page.GetByTestId("answer-draft-restored").WaitForAsync(new() { Timeout = 60_000 });
        Step("draft restored seen");
        // nginx names every upstream it tried ("B, A" while it still tries the dead B first): the last one answered.
        var tried = await page.EvaluateAsync<string>($"async () => (await fetch('/health/live')).headers.get('{NginxLoadBalancer.UpstreamHeader}')");
        Assert.Equal(instanceA.BaseAddress.Authority, tried.Split(',', StringSplitOptions.TrimEntries)[^1]);
        await Assertions.Expect(page.GetByTestId("message-to-gp")).ToHaveValueAsync("Actinic keratosis; review in three months");
        await Assertions.Expect(page.GetByTestId("case-status")).ToHaveTextAsync("Claimed"); // the claim made on B stands

        // Work goes on through A: a question to the GP, at a person's pace. Acting while the page is still settling after
        // its reload (the restored draft, MudBlazor's scripts, A busy scoring B's photos) lost an event three times in
        // full runs: the report showed the click (or the field's change) sent by the page and refused by A's Blazor with
        // "There is no event handler associated with this event" (logged at Debug), the page having been drawn again
        // meanwhile. So each step waits until the page and A have stopped exchanging frames.
        await WaitUntilQuietAsync(page);
        var question = page.GetByLabel("Question to the GP");
        await question.FillAsync("Please send a dermoscopic photo of the lesion.");
        Step("question filled");
        await question.BlurAsync();
        Step("question left");
        await WaitUntilQuietAsync(page);
        await page.GetByTestId("ask-gp").DispatchEventAsync("click");
        Step("ask clicked");
        // Generous: A is taking over B's photos to score meanwhile, on cores the suite's other assemblies share.
        try
        {
            await Assertions.Expect(page.GetByTestId("case-status")).ToHaveTextAsync("Waiting for the GP", new() { Timeout = 30_000 });
        }
        catch (PlaywrightException missed)
        {
            // Seen in full runs under load, never alone: say all that could tell why (see FailureReportAsync).
            throw new InvalidOperationException(await FailureReportAsync(page, first.Id, console), missed);
        }

        // Nothing submitted is lost, and every photo ends scored exactly once (B's leases ran out; A took them over).
        var submitted = burst.Select(c => c.Id).Append(first.Id).ToList();
        var images = await WaitUntilScoredAsync(submitted, TimeSpan.FromSeconds(90));
        Assert.Equal(submitted.Count, images.Select(i => i.CaseId).Distinct().Count());
        Assert.All(images, image => Assert.Equal((ScoreState.Scored, 1), (image.ScoreState, image.ScoreAttempts)));
    }

    /// <summary>
    /// Every page load, reconnection state and form event of the tab, kept in its sessionStorage across reloads, with
    /// the time: which document the test typed in, and whether the browser raised the change and click at all.
    /// </summary>
    private const string PageEventLog = """
        (() => {
          const note = what => {
            const log = JSON.parse(sessionStorage.getItem("test.events") ?? "[]");
            log.push(new Date().toISOString().slice(11, 23) + " " + what);
            sessionStorage.setItem("test.events", JSON.stringify(log.slice(-200)));
          };
          // What the page sends to and receives from the server, by size: did a click leave the browser?
          const send = WebSocket.prototype.send;
          WebSocket.prototype.send = function (data) {
            window.testLastFrameAt = performance.now();
            note("ws sent " + (data.byteLength ?? data.length) + " B");
            if (!this.testWatched) {
              this.testWatched = true;
              this.addEventListener("message", m => {
                window.testLastFrameAt = performance.now();
                note("ws received " + (m.data.byteLength ?? m.data.length) + " B");
              });
              this.addEventListener("close", c => note("ws closed " + c.code));
            }
            return send.call(this, data);
          };
          note("document " + location.pathname);
          document.addEventListener("DOMContentLoaded", () => note("DOMContentLoaded"));
          document.addEventListener("components-reconnect-state-changed", e => note("reconnect " + e.detail?.state), true);
          for (const type of ["focus", "input", "change", "blur", "mousedown", "click"]) {
            document.addEventListener(type, e => {
              const t = e.target;
              if (t instanceof Element && (t.id || t.dataset.testid)) note(type + " " + (t.id || t.dataset.testid) + (e.isTrusted ? "" : " (dispatched)"));
            }, true);
          }
        })();
        """;

    /// <summary>
    /// Why the question did not reach the case: what the page said (a refusal, the page's error notice, the circuit's,
    /// the connection notice), the browser's console, what the database holds and audited for the case, and what
    /// instance A logged.
    /// </summary>
    /// <summary>Until no frame has gone either way on the page's WebSocket for 700 ms (see <see cref="PageEventLog"/>).</summary>
    private async Task WaitUntilQuietAsync(IPage page)
    {
        await page.WaitForFunctionAsync("() => performance.now() - (window.testLastFrameAt ?? 0) > 700", null, new() { PollingInterval = 100, Timeout = 20_000 });
        Step("page quiet");
    }

    /// <summary>Of what A logged, the problems and what Blazor says of the events and calls it receives (not each component it renders).</summary>
    private static bool IsTelling(string entry) =>
        !entry.Contains(" Debug ", StringComparison.Ordinal)
        || (entry.Contains("ComponentHub", StringComparison.Ordinal) && !entry.Contains("confirmation for batch", StringComparison.Ordinal))
        || entry.Contains("DispatchEvent", StringComparison.OrdinalIgnoreCase) || entry.Contains("event handler", StringComparison.OrdinalIgnoreCase)
        || entry.Contains("Invocation of", StringComparison.Ordinal) || entry.Contains("exception", StringComparison.OrdinalIgnoreCase);

    private async Task<string> FailureReportAsync(IPage page, Guid caseId, IEnumerable<string> console)
    {
        async Task<string> Said(string testId) => string.Join(" | ", await page.GetByTestId(testId).AllInnerTextsAsync());
        // Was the server stuck (thread pool, a database call waiting) or did the click never leave the browser?
        ThreadPool.GetAvailableThreads(out var workersFree, out _);
        var threads = $"{ThreadPool.ThreadCount} threads, {ThreadPool.PendingWorkItemCount} work items queued, {workersFree} workers free";
        string waiting;
        await using (var activity = await instanceA.Services.GetRequiredService<IDbContextFactory<TeleDermDbContext>>().CreateDbContextAsync())
        {
            waiting = string.Join(" / ", await activity.Database.SqlQueryRaw<string>(
                "SELECT state || ' ' || coalesce(wait_event_type, '-') || ':' || coalesce(wait_event, '-') || ' ' || round(extract(epoch from now() - query_start)::numeric, 1) || ' s: ' || left(query, 120) AS \"Value\" " +
                "FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND state <> 'idle'").ToListAsync());
        }
        var statusBefore = string.Join("", await page.GetByTestId("case-status").AllInnerTextsAsync());
        var secondClick = "not made (no button)";
        if (await page.GetByTestId("ask-gp").IsVisibleAsync())
        {
            await page.GetByTestId("ask-gp").ClickAsync(new() { Timeout = 5000 });
            await Task.Delay(5000);
            secondClick = $"status {statusBefore} → {string.Join("", await page.GetByTestId("case-status").AllInnerTextsAsync())}, message [{await Said("case-message")}]";
        }
        var question = await page.Locator("#question").CountAsync() > 0 ? await page.Locator("#question").InputValueAsync() : "(no field)";
        var connection = await page.EvaluateAsync<string?>("() => document.getElementById('components-reconnect-modal')?.dataset.state ?? null");
        await using var db = await instanceA.Services.GetRequiredService<IDbContextFactory<TeleDermDbContext>>().CreateDbContextAsync();
        var stored = await db.Set<TeleExpertiseCase>().AsNoTracking().Include(c => c.Messages).SingleAsync(c => c.Id == caseId);
        var audited = await db.AuditEntries.AsNoTracking().Where(e => e.RecordId == caseId.ToString()).OrderBy(e => e.Sequence)
            .Select(e => $"{e.AtUtc:HH:mm:ss.fff} {e.Action} {e.Outcome} {e.Details}").ToListAsync();
        return $"""
            The question did not reach the case.
            Page: message [{await Said("case-message")}], page error [{await Said("page-error")}], circuit error visible: {await page.GetByTestId("circuit-error").IsVisibleAsync()}, connection notice: {connection ?? "never shown"}, question field '{question}'.
            Database: status {stored.Status}, {stored.Messages.Count} message(s); busy connections: [{waiting}].
            A's thread pool: {threads}. A second click, 5 s later: {secondClick}.
            Audit of the case: {string.Join("; ", audited)}
            Browser console: {string.Join(" / ", console.TakeLast(30))}
            Page events: {string.Join(" / ", await page.EvaluateAsync<string[]>("() => JSON.parse(sessionStorage.getItem('test.events') ?? '[]')"))}
            Test steps: {string.Join(" / ", steps)}
            Instance A logged: {string.Join(" / ", instanceA.Problems.Entries.Where(IsTelling).TakeLast(120))}
            """;
    }

    private async Task<(Guid Id, string Reference)> SubmitAsync(Uri instance, string apiKey, string gpEmail, string familyName, int photos = 1)
    {
        using var client = new HttpClient { BaseAddress = instance };
        var parts = Enumerable.Range(1, photos).Select(n => $"photo{n}").ToArray();
        var json = IntakeApiRequests.Json(gpEmail, IntakeApiRequests.Patient(familyName: familyName, nationalHealthId: null), null,
            [.. parts.Select(part => (part, "dermoscopic"))]).ToJsonString();
        string[] isic = ["ISIC_0000031.jpg", "ISIC_0000036.jpg", "ISIC_0000040.jpg"];
        var files = parts.Select((part, n) => (part, $"{part}.jpg", IntakeApiRequests.Isic(isic[n % isic.Length]))).ToArray();
        using var response = await client.SendAsync(IntakeApiRequests.Submit(apiKey, Guid.NewGuid().ToString(), IntakeApiRequests.Body(json, files)));
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var created = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return (Guid.Parse(created["id"]!.GetValue<string>()), created["reference"]!.GetValue<string>());
    }

    private async Task<List<LesionImage>> WaitUntilScoredAsync(IReadOnlyCollection<Guid> caseIds, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var images = await ImagesAsync(caseIds);
            if (images.All(i => i.ScoreState != ScoreState.Pending) || DateTime.UtcNow > deadline)
            {
                return images;
            }
            await Task.Delay(500);
        }
    }

    private async Task<List<LesionImage>> ImagesAsync(IReadOnlyCollection<Guid> caseIds)
    {
        await using var db = await instanceA.Services.GetRequiredService<IDbContextFactory<TeleDermDbContext>>().CreateDbContextAsync();
        return await db.Set<LesionImage>().AsNoTracking().Where(i => caseIds.Contains(i.CaseId)).ToListAsync();
    }
}
