using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Cases;
using TeleDerm.Core.Data;
using TeleDerm.Testing;

namespace TeleDerm.Browser.Tests;

/// <summary>
/// Every page checked with axe (WCAG 2.1 A and AA rules) in English and French: no serious or critical violation.
/// Each page's findings are written to artifacts/accessibility/ (summarized in docs/accessibility.md).
/// </summary>
[Collection(RunAlone.Name)]
public sealed class AccessibilityJourneys(BrowserApp app) : IClassFixture<BrowserApp>
{
    private static readonly AxeRunOptions Wcag21AA = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    };

    public static TheoryData<string, string, string[]> Pages => new()
    {
        { Roles.GP, "en", ["/", "/requests/new", "/my-cases", "/account/preferences", "/reports/verify", "{case}"] },
        { Roles.GP, "fr", ["/", "/requests/new", "/my-cases", "/account/preferences", "{case}"] },
        { Roles.Dermatologist, "en", ["/", "/worklist", "/account/signing-certificate", "{case}", "{viewer}"] },
        { Roles.Dermatologist, "fr", ["/worklist", "{case}", "{viewer}"] },
        { Roles.DepartmentHead, "en", ["/", "/dashboard"] },
        { Roles.DepartmentHead, "fr", ["/dashboard"] },
        { Roles.Admin, "en", ["/", "/admin/users", "/admin/organisations", "/admin/api-keys", "/admin/webhooks", "/admin/models", "/admin/audit"] },
        { Roles.Admin, "fr", ["/admin/users", "/admin/organisations"] },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Every_page_has_no_serious_or_critical_accessibility_violation(string role, string language, string[] paths)
    {
        var user = await TestAccounts.CreateAsync(app.Services, role);
        var gp = role == Roles.GP ? user : await TestAccounts.CreateAsync(app.Services, Roles.GP);
        var @case = await TestCases.CreateSubmittedAsync(app.Services, gp.Id, Urgency.Soon, risk: 0.55);
        await TestImages.AddAsync(app.Services, @case, TestImages.DrawJpeg(800, 600), DateTime.UtcNow.AddHours(-1));
        await TestAccounts.SetLanguageAsync(app.Services, user.Id, language);
        var page = await app.NewPageAsync();
        await SignInSteps.SignInAsync(page, user);

        var problems = new List<string>();
        foreach (var path in paths)
        {
            var url = path.Replace("{case}", $"/cases/{@case.Id}", StringComparison.Ordinal).Replace("{viewer}", $"/cases/{@case.Id}/viewer", StringComparison.Ordinal);
            await page.GotoAsync(url);
            await page.WaitForSelectorAsync("main[data-interactive=true]", new() { Timeout = 10_000 });
            await page.WaitForTimeoutAsync(300);
            problems.AddRange(await CheckAsync(page, $"{role}-{language}{path.Replace('/', '-').Replace("{", "").Replace("}", "")}"));
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Theory]
    [InlineData("en")]
    [InlineData("fr")]
    public async Task The_sign_in_page_has_no_serious_or_critical_accessibility_violation(string language)
    {
        var page = await app.NewPageAsync(language == "fr" ? "fr-FR" : "en-GB");
        await page.GotoAsync("/account/login");
        var problems = await CheckAsync(page, $"anonymous-{language}-account-login");
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    /// <summary>Runs axe on the page; returns its serious and critical violations and writes every finding to a file.</summary>
    private static async Task<IReadOnlyList<string>> CheckAsync(IPage page, string name)
    {
        var result = await page.RunAxe(Wcag21AA);
        if (result.Violations.Length > 0)
        {
            // Once more a second later: the circuit's first render swaps MudBlazor's theme stylesheet, and for a moment
            // the app bar's colours are not set. A violation that stays is real.
            await page.WaitForTimeoutAsync(1000);
            result = await page.RunAxe(Wcag21AA);
        }
        var report = new StringBuilder();
        report.AppendLine($"{page.Url}: {result.Passes.Length} rules passed, {result.Violations.Length} violated, {result.Incomplete.Length} to review by hand");
        foreach (var violation in result.Violations)
        {
            report.AppendLine($"- {violation.Impact} {violation.Id}: {violation.Help} ({violation.Nodes.Length} elements)");
            foreach (var node in violation.Nodes.Take(5))
            {
                report.AppendLine($"    {node.Html}");
                report.AppendLine($"      {string.Join(" / ", node.Any.Concat(node.All).Concat(node.None).Select(check => check.Message))}");
            }
        }
        var folder = Directory.CreateDirectory(Path.Combine(RepoPaths.Root, "artifacts", "accessibility")).FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, name + ".txt"), report.ToString());
        return [.. result.Violations
            .Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{page.Url}: {v.Impact} {v.Id} ({v.Help}): {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}")];
    }
}
