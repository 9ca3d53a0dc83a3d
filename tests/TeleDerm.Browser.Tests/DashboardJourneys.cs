using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Billing;
using TeleDerm.Core.Cases;
using TeleDerm.Core.Data;
using TeleDerm.Testing;

namespace TeleDerm.Browser.Tests;

public sealed class DashboardJourneys(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task A_department_head_changes_the_period_sees_a_new_case_arrive_lists_the_backlog_and_exports_a_CSV()
    {
        var gp = await TestAccounts.CreateAsync(app.Services, Roles.GP);
        var head = await TestAccounts.CreateAsync(app.Services, Roles.DepartmentHead);
        var old = await TestCases.CreateSubmittedAsync(app.Services, gp.Id, Urgency.Routine, risk: 0.2, submittedAgo: TimeSpan.FromDays(20), publish: false);
        var recent = await TestCases.CreateSubmittedAsync(app.Services, gp.Id, Urgency.Urgent, risk: 0.8, submittedAgo: TimeSpan.FromHours(2), publish: false);

        var page = await app.NewPageAsync();
        await SignInSteps.SignInAsync(page, head);
        await page.GetByRole(AriaRole.Link, new() { Name = "Dashboard" }).First.ClickAsync();
        await page.WaitForURLAsync("**/dashboard");
        await SignInSteps.WaitForInteractiveAsync(page);

        // The last 30 days by default: both cases came in, both wait (the older one for 20 days, past its 7-day service level).
        await Assertions.Expect(page.GetByTestId("kpi-received-value")).ToHaveTextAsync("2");
        await Assertions.Expect(page.GetByTestId("kpi-backlog-value")).ToHaveTextAsync("2");
        await Assertions.Expect(page.GetByTestId("kpi-overdue-value")).ToHaveTextAsync("1");
        await page.ScreenshotAsync(new() { Path = BrowserApp.ScreenshotPath("dashboard-30-days"), FullPage = true });
        // The charts draw once the browser has measured them.
        await page.Locator(".dashboard-grid .bar-chart svg").First.WaitForAsync();
        Assert.Equal(3, await page.GetByTestId("table-service-level").Locator("tbody tr").CountAsync());
        Assert.Equal(4, await page.GetByTestId("table-risk-bands").Locator("tbody tr").CountAsync());
        // A tall window, so that one picture shows every chart and table (the layout scrolls inside its body).
        await page.SetViewportSizeAsync(1700, 2600);
        await page.ScreenshotAsync(new() { Path = BrowserApp.ScreenshotPath("dashboard-charts-and-tables") });
        await page.SetViewportSizeAsync(1280, 860);

        // Two choices in quick succession: the last one's figures are the ones left on screen, and the page says
        // when it is computing.
        await page.GetByTestId("last-365").ClickAsync();
        await page.GetByTestId("last-7").ClickAsync();
        await Assertions.Expect(page.GetByTestId("computing")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("kpi-received-value")).ToHaveTextAsync("1");
        await Assertions.Expect(page.GetByTestId("kpi-backlog-value")).ToHaveTextAsync("2");
        await Assertions.Expect(page.GetByTestId("period-from")).ToHaveValueAsync(DateTime.Now.AddDays(-6).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));

        // Live: a request sent now shows up without a reload (after the two-second debounce).
        await TestCases.CreateSubmittedAsync(app.Services, gp.Id, Urgency.Soon, risk: 0.5, submittedAgo: TimeSpan.FromMinutes(5));
        await Assertions.Expect(page.GetByTestId("kpi-received-value")).ToHaveTextAsync("2", new() { Timeout = 10_000 });

        await page.GetByTestId("drill-overdue").ClickAsync();
        await page.GetByTestId($"drill-row-{old.Reference}").WaitForAsync();
        Assert.Equal(0, await page.GetByTestId($"drill-row-{recent.Reference}").CountAsync());
        Assert.Equal(1, await page.GetByTestId($"drill-row-{old.Reference}").GetByRole(AriaRole.Link, new() { Name = old.Reference }).CountAsync());
        await page.ScreenshotAsync(new() { Path = BrowserApp.ScreenshotPath("dashboard-7-days-overdue-list"), FullPage = true });

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("csv-summary").ClickAsync());
        var csv = await File.ReadAllTextAsync((await download.PathAsync())!);
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("figure,current_period,previous_period", lines[0]);
        Assert.Contains("received,2,0", lines); // this week: the recent and the live case; the week before: none (the old case is 20 days old)
        Assert.StartsWith("teleDerm-summary-", download.SuggestedFilename, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Roles.GP)]
    [InlineData(Roles.Dermatologist)]
    public async Task A_GP_and_a_dermatologist_are_refused(string role)
    {
        var person = await TestAccounts.CreateAsync(app.Services, role);
        var page = await app.NewPageAsync();
        await SignInSteps.SignInAsync(page, person);
        Assert.Equal(0, await page.GetByRole(AriaRole.Link, new() { Name = "Dashboard" }).CountAsync());
        await page.GotoAsync("/dashboard");
        await page.WaitForURLAsync("**/account/access-denied**");
        Assert.Equal(0, await page.GetByTestId("kpi-received").CountAsync());
    }
}

/// <summary>In an app of its own: its case must not change the counts the head's journey expects.</summary>
public sealed class DashboardAdministratorJourneys(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task An_administrator_chooses_a_department_and_lists_its_cases_without_opening_them()
    {
        var gp = await TestAccounts.CreateAsync(app.Services, Roles.GP);
        var admin = await TestAccounts.CreateAsync(app.Services, Roles.Admin);
        var @case = await TestCases.CreateSubmittedAsync(app.Services, gp.Id, Urgency.Soon, risk: 0.4, submittedAgo: TimeSpan.FromHours(3), publish: false);

        var page = await app.NewPageAsync();
        await SignInSteps.SignInAsync(page, admin);
        await page.GetByRole(AriaRole.Link, new() { Name = "Dashboard" }).First.ClickAsync();
        await page.WaitForURLAsync("**/dashboard");
        await SignInSteps.WaitForInteractiveAsync(page);
        await SelectSteps.ChooseByLabelAsync(page, "Department", "Test dermatology");
        await page.GetByTestId("drill-received").ClickAsync();

        var row = page.GetByTestId($"drill-row-{@case.Reference}");
        await row.WaitForAsync();
        Assert.Equal(0, await row.GetByRole(AriaRole.Link).CountAsync());
        Assert.DoesNotContain("Test Patient", await page.GetByTestId("drill-down").InnerTextAsync(), StringComparison.Ordinal);
        await page.ScreenshotAsync(new() { Path = BrowserApp.ScreenshotPath("dashboard-admin-case-list") });
    }
    [Fact]
    public async Task A_department_head_sees_the_month_s_billable_acts_per_practitioner_with_those_not_billable_and_why()
    {
        var gp = await TestAccounts.CreateAsync(app.Services, Roles.GP);
        var dermatologist = await TestAccounts.CreateAsync(app.Services, Roles.Dermatologist);
        var head = await TestAccounts.CreateAsync(app.Services, Roles.DepartmentHead);
        var now = DateTime.UtcNow;
        foreach (var billable in new[] { true, true, false })
        {
            var @case = await TestCases.CreateSubmittedAsync(app.Services, gp.Id, publish: false);
            await using var db = await app.Services.GetRequiredService<IDbContextFactory<TeleDermDbContext>>().CreateDbContextAsync();
            db.Add(new BillableAct
            {
                Id = Guid.NewGuid(), CaseId = @case.Id, PatientId = @case.PatientId, DepartmentId = @case.DepartmentId, PractitionerUserId = dermatologist.Id,
                Role = ActRole.Requested, Code = "TE2", AmountCents = billable ? 2000 : 0, Currency = "EUR", AtUtc = now,
                NotBillableReason = billable ? null : NotBillable.OverYearlyLimit,
            });
            await db.SaveChangesAsync();
        }

        var page = await app.NewPageAsync();
        await SignInSteps.SignInAsync(page, head);
        await page.GotoAsync("/dashboard");
        await SignInSteps.WaitForInteractiveAsync(page);

        var row = page.GetByTestId("table-billing").Locator("tbody tr");
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row).ToContainTextAsync("Test Dermatologist");
        await Assertions.Expect(row.Locator("td").Nth(2)).ToHaveTextAsync("2");
        await Assertions.Expect(row.Locator("td").Nth(3)).ToHaveTextAsync("€40.00");
        await Assertions.Expect(row.Locator("td").Nth(4)).ToHaveTextAsync("1 (over the yearly limit for the patient: 1)");
        await Assertions.Expect(page.GetByTestId("csv-billing")).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex($"dashboard/billing/{now:yyyy-MM}\\.csv\\?department="));
        await page.GetByTestId("billing").ScrollIntoViewIfNeededAsync();
        await page.GetByTestId("billing").ScreenshotAsync(new() { Path = BrowserApp.ScreenshotPath("dashboard-billing") });
    }
}
