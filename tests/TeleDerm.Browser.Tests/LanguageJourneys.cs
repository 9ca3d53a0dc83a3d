using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Cases;
using TeleDerm.Core.Data;
using TeleDerm.Core.Events;
using TeleDerm.Testing;

namespace TeleDerm.Browser.Tests;

/// <summary>
/// A French GP and an English dermatologist side by side: every live update (status, message, score) redraws each
/// page in its reader's language, with dates no reader can misread (a month name, never 12/05).
/// </summary>
public sealed partial class LanguageJourneys(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task Live_updates_redraw_each_page_in_its_readers_language_with_unambiguous_dates()
    {
        var gp = await TestAccounts.CreateAsync(app.Services, Roles.GP);
        var dermatologist = await TestAccounts.CreateAsync(app.Services, Roles.Dermatologist);
        var @case = await TestCases.CreateSubmittedAsync(app.Services, gp.Id, Urgency.Soon, risk: 0.55);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TeleDermDbContext>();
            await db.Users.Where(u => u.Id == gp.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.PreferredCulture, "fr"));
            await db.Set<TeleExpertiseCase>().Where(c => c.Id == @case.Id).ExecuteUpdateAsync(u => u.SetProperty(c => c.Reason, "Lésion pigmentée qui change."));
        }

        var gpPage = await app.NewPageAsync();
        await SignInSteps.SignInAsync(gpPage, gp);
        await gpPage.GotoAsync($"/cases/{@case.Id}");
        await SignInSteps.WaitForInteractiveAsync(gpPage);
        await Assertions.Expect(gpPage.GetByTestId("case-status")).ToHaveTextAsync("En attente");

        var dermPage = await app.NewPageAsync();
        await SignInSteps.SignInAsync(dermPage, dermatologist);
        await dermPage.GotoAsync($"/cases/{@case.Id}");
        await SignInSteps.WaitForInteractiveAsync(dermPage);

        // Status change, then a message: both redraw the GP's page from the dermatologist's (English) circuit.
        await dermPage.GetByTestId("action-Claim").ClickAsync();
        await Assertions.Expect(gpPage.GetByTestId("case-status")).Not.ToHaveTextAsync("En attente");
        await dermPage.GetByLabel("Question to the GP").FillAsync("Pouvez-vous envoyer une photo dermoscopique ?");
        await dermPage.GetByTestId("ask-gp").ClickAsync();
        await Assertions.Expect(gpPage.GetByTestId("thread")).ToContainTextAsync("Pouvez-vous envoyer une photo dermoscopique ?");
        // The kinds published from elsewhere (the scoring worker, the signing service, a colleague's viewer, intake,
        // another instance through the relay) all arrive on a thread that is not the GP's.
        await Task.Run(() =>
        {
            foreach (var kind in new[] { CaseEventKind.ImageScored, CaseEventKind.AnnotationsChanged, CaseEventKind.ReportSigned, CaseEventKind.Created })
                app.Services.GetRequiredService<ICaseEventPublisher>().Publish(new CaseEvent(@case.Id, @case.DepartmentId, gp.Id, kind, DateTime.UtcNow));
        });
        await gpPage.WaitForTimeoutAsync(500);
        await AssertReadsOnlyAsync(gpPage, reader: "fr", other: "en");

        // The GP replies: the dermatologist's page redraws from the French GP's circuit, and stays English.
        await gpPage.Locator("#reply").FillAsync("Pas de saignement, un peu de prurit.");
        await gpPage.GetByTestId("reply").ClickAsync();
        await Assertions.Expect(dermPage.GetByTestId("thread")).ToContainTextAsync("Pas de saignement, un peu de prurit.");
        await Assertions.Expect(dermPage.GetByTestId("case-status")).ToHaveTextAsync("In review");
        await gpPage.ScreenshotAsync(new() { Path = BrowserApp.ScreenshotPath("case-page-gp-french-after-live-updates"), FullPage = true });
        await AssertReadsOnlyAsync(dermPage, reader: "en", other: "fr", exceptUserText: ["Pouvez-vous envoyer une photo dermoscopique ?", "Pas de saignement, un peu de prurit.", "Lésion pigmentée qui change."]);
    }

    [Theory]
    [InlineData(Roles.GP, new[] { "/", "/requests/new", "/my-cases", "/account/preferences", "/reports/verify" })]
    [InlineData(Roles.Dermatologist, new[] { "/", "/worklist", "/account/preferences", "/account/signing-certificate" })]
    [InlineData(Roles.DepartmentHead, new[] { "/", "/dashboard" })]
    [InlineData(Roles.Admin, new[] { "/", "/admin/users", "/admin/organisations", "/admin/api-keys", "/admin/webhooks", "/admin/models", "/admin/audit" })]
    public async Task Every_page_of_a_French_user_reads_in_French(string role, string[] paths)
    {
        var user = await TestAccounts.CreateAsync(app.Services, role);
        var gp = role == Roles.GP ? user : await TestAccounts.CreateAsync(app.Services, Roles.GP);
        await TestCases.CreateSubmittedAsync(app.Services, gp.Id, Urgency.Soon, risk: 0.55);
        await TestAccounts.SetLanguageAsync(app.Services, user.Id, "fr");
        var page = await app.NewPageAsync();
        await SignInSteps.SignInAsync(page, user);
        var problems = new List<string>();
        foreach (var path in paths)
        {
            await page.GotoAsync(path);
            // Some pages are static forms (no circuit): give an interactive one its first interactive render.
            await page.WaitForSelectorAsync("main[data-interactive=true]", new() { Timeout = 5_000 }).ContinueWith(_ => { });
            await page.WaitForTimeoutAsync(300);
            try
            {
                await AssertReadsOnlyAsync(page, reader: "fr", other: "en", exceptUserText: ["Lésion pigmentée qui change.", "Changing pigmented lesion."]);
            }
            catch (Xunit.Sdk.XunitException e)
            {
                problems.Add($"{path}: {e.Message.Split('\n')[0]}");
            }
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    /// <summary>
    /// The page's visible text holds no UI string of the other language (from the resource files: texts that differ
    /// between the languages) and no numeric date (12/05/2026 means two different days to two readers).
    /// </summary>
    private static async Task AssertReadsOnlyAsync(IPage page, string reader, string other, IReadOnlyList<string>? exceptUserText = null)
    {
        // What a person reads: icon ligatures ("reply" drawn as an arrow) are not words on the screen.
        var text = await page.EvaluateAsync<string>("""
            () => { const main = document.querySelector('main').cloneNode(true);
                    main.querySelectorAll('.rzi, .material-icons').forEach(i => i.remove());
                    // Content marked as another language (a model card's own prose) is data, not the UI.
                    main.querySelectorAll('[lang]').forEach(e => e.remove());
                    document.body.appendChild(main); const text = main.innerText; main.remove(); return text; }
            """);
        // People's names and what they typed are theirs, not the UI's.
        foreach (var typed in (exceptUserText ?? []).Concat(["Test Dermatologist", "Test GP"]))
            text = text.Replace(typed, " ", StringComparison.Ordinal);
        var foreign = UiStringsOnlyIn(other, reader).Where(s => Regex.IsMatch(text, $@"(?<!\w){Regex.Escape(s)}(?!\w)")).ToList();
        Assert.True(foreign.Count == 0, $"The {reader} page shows {other} UI text: {string.Join(" | ", foreign)}\n---\n{text}");
        Assert.DoesNotMatch(NumericDate(), text);
        Assert.DoesNotMatch(@"\b\d{1,2}:\d{2}\s?(AM|PM)\b", text);
    }

    /// <summary>Phrases of the UI in one language that do not occur in the other's texts (placeholders split them).</summary>
    private static IReadOnlyList<string> UiStringsOnlyIn(string language, string besides)
    {
        var (mine, theirs) = (Resources(language), Resources(besides));
        var theirText = string.Join("\n", theirs.Values);
        return [.. mine.Where(p => theirs.TryGetValue(p.Key, out var t) && t != p.Value)
            .SelectMany(p => Regex.Split(p.Value, @"\{\d+(:[^}]*)?\}"))
            .Select(s => s.Trim(' ', ',', '.', ':', '(', ')', '—', '·', '\u00a0'))
            .Where(s => s.Length >= 5 && s.Any(char.IsLetter) && !theirText.Contains(s, StringComparison.Ordinal))
            .Distinct()];
    }

    private static Dictionary<string, string> Resources(string language) => UiTexts.Load(language == "fr" ? UiTexts.French : UiTexts.English);

    [GeneratedRegex(@"\b\d{1,2}/\d{1,2}/\d{2,4}\b")]
    private static partial Regex NumericDate();
}
