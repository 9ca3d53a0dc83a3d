// Submission to worklist row: N requests sent one after the other through the intake API (a JSON part and
// one JPEG), each timed from the moment the POST starts to the moment its row appears in a dermatologist's
// worklist open in headless Chromium (a MutationObserver stamps each new row with the browser's clock; the
// app, this program and Chromium share the machine's clock). Reference in the same run: the POST's own round
// trip (validation, DICOM wrapping and storage, the transaction). After each measure the GP cancels the case
// so that the worklist stays one page. Prints p50/p95 and ratios; asserts nothing.
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Cases;
using TeleDerm.Core.Data;
using TeleDerm.Testing;
using TeleDerm.Web.Features.IntakeApi;
using TeleDerm.Core.Administration;

internal static class LiveBenchmark
{
    public static async Task Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "signing")
        {
            await SigningToGpBenchmark.RunAsync(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 30);
            return;
        }
        var submissions = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100;
        var photo = await File.ReadAllBytesAsync(args.Length > 1 ? args[1] : RepoPaths.IsicPhoto("ISIC_0000031.jpg"));

        await using var app = new LiveApp();
        var baseAddress = app.Start();

        var gp = await TestAccounts.CreateAsync(app.Services, Roles.GP);
        var dermatologist = await TestAccounts.CreateAsync(app.Services, Roles.Dermatologist);
        Guid practiceId;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            practiceId = (await scope.ServiceProvider.GetRequiredService<TeleDermDbContext>().Users.SingleAsync(u => u.Id == gp.Id)).PracticeId!.Value;
        }
        var (_, apiKey) = await app.Services.GetRequiredService<PracticeApiKeys>().CreateAsync(await TestAccounts.AdministratorAsync(app.Services), practiceId, "benchmark");

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = "/usr/bin/chromium", Headless = true, Args = ["--no-sandbox", "--disable-gpu", "--no-first-run"] });
        var page = await (await browser.NewContextAsync(new() { BaseURL = baseAddress.ToString(), Locale = "en-GB" })).NewPageAsync();
        await LiveApp.SignInAsync(page, dermatologist);
        await page.GotoAsync("/worklist");
        await page.WaitForSelectorAsync("main[data-interactive=true]");
        await page.GetByTestId("worklist").WaitForAsync();
        // Wall-clock milliseconds (sub-millisecond) at which each row was first seen.
        await page.EvaluateAsync(@"() => {
          window.rowSeenAt = {};
          const stamp = () => document.querySelectorAll('[data-testid^=""case-""]').forEach(e => {
            const reference = e.textContent.trim();
            if (!(reference in window.rowSeenAt)) window.rowSeenAt[reference] = performance.timeOrigin + performance.now();
          });
          new MutationObserver(stamp).observe(document.body, { childList: true, subtree: true, characterData: true });
          stamp();
        }");

        using var http = new HttpClient { BaseAddress = baseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        var commands = app.Services.GetRequiredService<CaseCommands>();
        var gpActor = new Actor(gp.Id, gp.Email, Roles.GP, null, null, null);
        var apiMs = new List<double>();
        var rowMs = new List<double>();
        for (var i = -3; i < submissions; i++) // three unmeasured rounds warm up the JIT and the circuit
        {
            var json = new JsonObject
            {
                ["requestingGp"] = gp.Email,
                ["patient"] = new JsonObject { ["familyName"] = "Bench", ["givenName"] = $"Patient{i + 3}", ["birthDate"] = "1960-01-01", ["sex"] = "female" },
                ["reason"] = "Benchmark request.", ["urgency"] = "routine", ["patientConsent"] = true,
                ["lesions"] = new JsonArray(new JsonObject { ["bodySiteCode"] = "77568009", ["photos"] = new JsonArray(new JsonObject { ["file"] = "p", ["kind"] = "dermoscopic" }) }),
            };
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/cases")
            {
                Content = new MultipartFormDataContent
                {
                    { new StringContent(json.ToJsonString(), Encoding.UTF8, "application/json"), IntakeApiEndpoints.RequestPart },
                    { new ByteArrayContent(photo), "p", "p.jpg" },
                },
            };
            request.Headers.Add(IntakeApiEndpoints.IdempotencyHeader, Guid.NewGuid().ToString());
            var sentAt = UnixMilliseconds();
            var response = await http.SendAsync(request);
            var answeredAt = UnixMilliseconds();
            response.EnsureSuccessStatusCode();
            var created = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            var reference = created["reference"]!.GetValue<string>();
            var seenAt = (await page.WaitForFunctionAsync("r => window.rowSeenAt[r]", reference, new() { Timeout = 30_000 })).ToString();
            if (i >= 0)
            {
                apiMs.Add(answeredAt - sentAt);
                rowMs.Add(double.Parse(seenAt!, CultureInfo.InvariantCulture) - sentAt);
            }
            await commands.ApplyAsync(Guid.Parse(created["id"]!.GetValue<string>()), gpActor, CaseAction.Cancel);
            await page.GetByTestId($"case-{reference}").WaitForAsync(new() { State = WaitForSelectorState.Detached });
        }

        double UnixMilliseconds() => (DateTimeOffset.UtcNow - DateTimeOffset.UnixEpoch).TotalMilliseconds;
        static double Percentile(List<double> values, double p) => BenchmarkTimer.Percentile(values, p);

        Console.WriteLine($"submissions: {submissions}, photo {photo.Length / 1024} KiB, {Environment.ProcessorCount} cores");
        Console.WriteLine("| measure | p50 (ms) | p95 (ms) |");
        Console.WriteLine("| --- | ---: | ---: |");
        Console.WriteLine($"| POST /api/v1/cases round trip (reference) | {Percentile(apiMs, 0.5):0.0} | {Percentile(apiMs, 0.95):0.0} |");
        Console.WriteLine($"| POST sent → row in the other browser's worklist | {Percentile(rowMs, 0.5):0.0} | {Percentile(rowMs, 0.95):0.0} |");
        var push = rowMs.Zip(apiMs, (row, api) => row - api).ToList();
        Console.WriteLine($"| of which after the POST answered (event, query, render, SignalR) | {Percentile(push, 0.5):0.0} | {Percentile(push, 0.95):0.0} |");
        Console.WriteLine($"ratio row / POST: p50 {Percentile(rowMs, 0.5) / Percentile(apiMs, 0.5):0.00}, p95 {Percentile(rowMs, 0.95) / Percentile(apiMs, 0.95):0.00}");
    }
}

/// <summary>The app on Kestrel with a fresh data folder (SQLite, file-system DICOM store, the bundled model), as the run command's defaults.</summary>
internal sealed class LiveApp : WebApplicationFactory<Program>
{
    private readonly string dataDirectory = Directory.CreateTempSubdirectory("teleDerm-live-bench-").FullName;

    /// <summary>Starts the app on Kestrel on a free loopback port; returns its address.</summary>
    public Uri Start()
    {
        // WebApplicationFactory finds the web project's folder through this variable outside a test project.
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_TELEDERM_WEB", Path.Combine(RepoPaths.Root, "src", "TeleDerm.Web"));
        UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        StartServer();
        return new Uri(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    /// <summary>Signs <paramref name="account"/> in with its password and authenticator code, until the page is interactive.</summary>
    public static async Task SignInAsync(IPage page, TestAccount account)
    {
        await page.GotoAsync("/");
        await page.GetByLabel("Email").FillAsync(account.Email);
        await page.GetByLabel("Password").FillAsync(account.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.GetByLabel("Authentication code").FillAsync(AuthenticatorCodes.Next(account.AuthenticatorKey!));
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
        await page.WaitForSelectorAsync("main[data-interactive=true]");
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Development: static web assets come from the build output (Production expects a published app).
        builder.UseEnvironment("Development");
        builder.UseSetting("TeleDerm:DataDirectory", dataDirectory);
        builder.UseSetting("TeleDerm:Demo:Enabled", "false");
        builder.UseSetting("Logging:LogLevel:Default", "Error");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(dataDirectory, recursive: true);
    }
}
