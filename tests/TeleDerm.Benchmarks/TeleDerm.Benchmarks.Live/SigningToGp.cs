// Signing to the GP's screen (#21): a dermatologist answers and signs a case whose lesion has two 12-megapixel photos
// (4000×3000 JPEG quality 92 with grain, ~4.4 MB each, as a phone or dermatoscope sends them) while the GP who sent it
// has its page open in headless Chromium; each round is timed from the sign command's start until the report's line
// appears on the GP's page (a MutationObserver stamps it with the browser's clock, shared with this program).
// Reference in the same run: the sign command itself (answer, report composed with the photos at print size, signed,
// stored as DICOM, committed). Prints p50/p95; asserts nothing.
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Answers;
using TeleDerm.Core.Cases;
using TeleDerm.Testing;
using TeleDerm.Web.Features.Reports;

internal static class SigningToGpBenchmark
{
    public static async Task RunAsync(int rounds)
    {
        var photos = new[] { TestImages.DrawJpeg(4000, 3000, variant: 0, quality: 92, noise: 14), TestImages.DrawJpeg(4000, 3000, variant: 1, quality: 92, noise: 14) };
        await using var app = new LiveApp();
        var baseAddress = app.Start();
        var gp = await TestAccounts.CreateAsync(app.Services, Roles.GP);
        var dermatologistAccount = await TestAccounts.CreateAsync(app.Services, Roles.Dermatologist);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = "/usr/bin/chromium", Headless = true, Args = ["--no-sandbox", "--disable-gpu", "--no-first-run"] });
        var page = await (await browser.NewContextAsync(new() { BaseURL = baseAddress.ToString(), Locale = "en-GB" })).NewPageAsync();
        await LiveApp.SignInAsync(page, gp);

        var cases = app.Services.GetRequiredService<CaseCommands>();
        var answers = app.Services.GetRequiredService<AnswerCommands>();
        var signer = app.Services.GetRequiredService<CaseReportSigner>();
        var draft = new AnswerDraft("D22.5", "Atypical naevus", DiagnosticConfidence.Moderate, Management.PhotoFollowUp, 3, "New photos in three months.", null, []);
        var commandMs = new List<double>();
        var seenMs = new List<double>();
        for (var i = -3; i < rounds; i++) // three unmeasured rounds: the JIT, the dermatologist's first certificate
        {
            var @case = await TestCases.CreateSubmittedAsync(app.Services, gp.Id, publish: false);
            var (lesion, _) = await TestImages.AddAsync(app.Services, @case, photos[0], DateTime.UtcNow.AddMinutes(-5));
            await TestImages.AddAsync(app.Services, @case, photos[1], DateTime.UtcNow.AddMinutes(-4), lesion);
            var dermatologist = new Actor(dermatologistAccount.Id, dermatologistAccount.Email, Roles.Dermatologist, @case.DepartmentId, null, null);
            if (!(await cases.ClaimAsync(@case.Id, dermatologist)).Succeeded)
                throw new InvalidOperationException("The dermatologist could not claim the case.");

            await page.GotoAsync($"/cases/{@case.Id}");
            await page.WaitForSelectorAsync("main[data-interactive=true]");
            await page.EvaluateAsync(@"() => {
              window.reportSeenAt = null;
              const stamp = () => { if (!window.reportSeenAt && document.querySelector('[data-testid=""report""]')) window.reportSeenAt = performance.timeOrigin + performance.now(); };
              new MutationObserver(stamp).observe(document.body, { childList: true, subtree: true });
              stamp();
            }");

            var startedAt = UnixMilliseconds();
            var signed = await answers.AnswerAndSignAsync(@case.Id, dermatologist, draft, signer);
            var returnedAt = UnixMilliseconds();
            if (!signed.Succeeded)
                throw new InvalidOperationException("Signing failed: " + signed.Error);
            var seenAt = (await page.WaitForFunctionAsync("() => window.reportSeenAt", null, new() { Timeout = 30_000 })).ToString();
            if (i >= 0)
            {
                commandMs.Add(returnedAt - startedAt);
                seenMs.Add(double.Parse(seenAt!, CultureInfo.InvariantCulture) - startedAt);
            }
        }

        static double UnixMilliseconds() => (DateTimeOffset.UtcNow - DateTimeOffset.UnixEpoch).TotalMilliseconds;
        static double Percentile(List<double> values, double p) => BenchmarkTimer.Percentile(values, p);
        Console.WriteLine($"rounds: {rounds}, two photos of {photos[0].Length / 1024} and {photos[1].Length / 1024} KiB (4000×3000), {Environment.ProcessorCount} cores");
        Console.WriteLine("| measure | p50 (ms) | p95 (ms) |");
        Console.WriteLine("| --- | ---: | ---: |");
        Console.WriteLine($"| sign command: answer, report with the photos at print size, PAdES signature, DICOM store, commit (reference) | {Percentile(commandMs, 0.5):0.0} | {Percentile(commandMs, 0.95):0.0} |");
        Console.WriteLine($"| sign started → the report on the GP's open case page | {Percentile(seenMs, 0.5):0.0} | {Percentile(seenMs, 0.95):0.0} |");
        var push = seenMs.Zip(commandMs, (seen, command) => seen - command).ToList();
        Console.WriteLine($"| of which after the command returned (event, query, render, SignalR) | {Percentile(push, 0.5):0.0} | {Percentile(push, 0.95):0.0} |");
    }
}
