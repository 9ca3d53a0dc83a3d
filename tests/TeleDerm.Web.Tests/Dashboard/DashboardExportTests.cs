using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Audit;
using TeleDerm.Core.Cases;
using TeleDerm.Core.Data;
using TeleDerm.Testing;
using TeleDerm.Web.Features.Dashboard;
using TeleDerm.Web.Tests.Infrastructure;

namespace TeleDerm.Web.Tests.Dashboard;

public sealed class DashboardExportTests : IDisposable
{
    private readonly AdjustableClock clock = new();
    private readonly TeleDermAppFactory app;

    public DashboardExportTests() => app = new TeleDermAppFactory(new Dictionary<string, string?> { ["TeleDerm:TimeZone"] = "UTC" }, clock);

    public void Dispose() => app.Dispose();

    private string Today(int offsetDays = 0) =>
        clock.GetUtcNow().UtcDateTime.Date.AddDays(offsetDays).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private async Task<FormSession> SignedInAsync(string role)
    {
        var account = await TestAccounts.CreateAsync(app.Services, role);
        var session = app.CreateSession();
        await session.SignInAsync(account, clock);
        return session;
    }

    [Fact]
    public async Task A_head_exports_the_headline_figures_as_CSV_and_the_export_is_audited()
    {
        var head = await SignedInAsync(Roles.DepartmentHead);
        var gp = await TestAccounts.CreateAsync(app.Services, Roles.GP);
        await TestCases.CreateSubmittedAsync(app.Services, gp.Id, Urgency.Urgent, risk: 0.7, submittedAgo: TimeSpan.FromMinutes(30), publish: false);
        await TestCases.CreateSubmittedAsync(app.Services, gp.Id, Urgency.Routine, risk: null, submittedAgo: TimeSpan.FromMinutes(20), publish: false);

        var response = await head.Client.GetAsync($"/dashboard/export/summary.csv?from={Today(-1)}&to={Today()}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"teleDerm-summary-{Today(-1).Replace("-", "", StringComparison.Ordinal)}-{Today().Replace("-", "", StringComparison.Ordinal)}.csv",
            response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("figure,current_period,previous_period", lines[0]);
        Assert.Contains("received,2,0", lines);
        Assert.Contains("backlog_at_end,2,0", lines);
        Assert.Contains("answered,0,0", lines);
        var entry = await app.AssertAuditedAsync(DashboardEndpoints.AuditExported, AuditOutcome.Success);
        Assert.Equal($"table=summary; from={Today(-1)}; to={Today()}", entry.Details);
    }

    [Fact]
    public async Task Every_table_exports_with_its_header()
    {
        var admin = await SignedInAsync(Roles.Admin);
        await TestAccounts.CreateAsync(app.Services, Roles.DepartmentHead); // creates the department
        foreach (var table in DashboardTables.Names)
        {
            var response = await admin.Client.GetAsync($"/dashboard/export/{table}.csv?from={Today(-6)}&to={Today()}");
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{table}: {(int)response.StatusCode}");
            var header = (await response.Content.ReadAsStringAsync()).Split("\r\n")[0];
            Assert.False(string.IsNullOrEmpty(header), table);
        }
    }

    [Fact]
    public async Task Malformed_periods_and_unknown_tables_get_a_clear_answer()
    {
        var head = await SignedInAsync(Roles.DepartmentHead);

        var badDate = await head.Client.GetAsync("/dashboard/export/summary.csv?from=22/11/2026&to=2026-11-23");
        Assert.Equal(HttpStatusCode.BadRequest, badDate.StatusCode);
        Assert.Contains("from=yyyy-MM-dd&to=yyyy-MM-dd", await badDate.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var reversed = await head.Client.GetAsync("/dashboard/export/summary.csv?from=2026-11-20&to=2026-11-01");
        Assert.Equal(HttpStatusCode.BadRequest, reversed.StatusCode);
        Assert.Equal("The period ends (2026-11-01) before it starts (2026-11-20).", await reversed.Content.ReadAsStringAsync());

        var tooLong = await head.Client.GetAsync("/dashboard/export/summary.csv?from=2010-01-01&to=2026-11-01");
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Contains("at most 1098 days", await tooLong.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var unknown = await head.Client.GetAsync("/dashboard/export/patients.csv?from=2026-11-01&to=2026-11-07");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("Tables: summary, backlog", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_head_cannot_export_another_department_and_the_attempt_is_audited()
    {
        var head = await SignedInAsync(Roles.DepartmentHead);
        var other = Guid.NewGuid();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TeleDermDbContext>();
            db.Departments.Add(new Department { Id = other, Name = "Another dermatology" });
            await db.SaveChangesAsync();
        }

        var response = await head.Client.GetAsync($"/dashboard/export/summary.csv?from=2026-11-01&to=2026-11-07&department={other}");

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.StartsWith("/account/access-denied", FormSession.Location(response), StringComparison.Ordinal);
        var entry = await app.AssertAuditedAsync(DashboardEndpoints.AuditExported, AuditOutcome.Denied);
        Assert.Equal(other.ToString(), entry.RecordId);
    }
}
