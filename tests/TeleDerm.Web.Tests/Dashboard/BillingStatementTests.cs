using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Audit;
using TeleDerm.Core.Billing;
using TeleDerm.Core.Data;
using TeleDerm.Testing;
using TeleDerm.Web.Tests.Infrastructure;

namespace TeleDerm.Web.Tests.Dashboard;

/// <summary>The monthly statement of billable acts as CSV: the department head's own department only, audited.</summary>
public sealed class BillingStatementTests : IDisposable
{
    private readonly AdjustableClock clock = new(new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero));
    private readonly TeleDermAppFactory app;

    public BillingStatementTests() => app = new TeleDermAppFactory(new Dictionary<string, string?> { ["TeleDerm:TimeZone"] = "Europe/Paris" }, clock);

    public void Dispose() => app.Dispose();

    private async Task<FormSession> SignedInAsync(string role)
    {
        var account = await TestAccounts.CreateAsync(app.Services, role);
        var session = app.CreateSession();
        await session.SignInAsync(account, clock);
        return session;
    }

    /// <summary>A dermatologist's request of the first department with its two acts, signed at <paramref name="atUtc"/>.</summary>
    private async Task<string> AnsweredAtAsync(DateTime atUtc, string? notBillable = null)
    {
        var gp = await TestAccounts.CreateAsync(app.Services, Roles.GP);
        var @case = await TestCases.CreateSubmittedAsync(app.Services, gp.Id, publish: false);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TeleDermDbContext>();
        foreach (var (role, who, code, cents) in new[] { (ActRole.Requested, (string?)null, "TE2", 2000L), (ActRole.Requesting, gp.Id, "RQD", 1000L) })
        {
            db.Add(new BillableAct
            {
                Id = Guid.NewGuid(), CaseId = @case.Id, PatientId = @case.PatientId, DepartmentId = @case.DepartmentId, PractitionerUserId = who, Role = role, Code = code,
                AmountCents = notBillable is null ? cents : 0, Currency = "EUR", AtUtc = atUtc, NotBillableReason = notBillable,
            });
        }
        await db.SaveChangesAsync();
        return @case.Reference;
    }

    [Fact]
    public async Task A_head_exports_the_month_s_acts_in_the_department_s_time_zone_with_the_reason_of_those_not_billable()
    {
        var head = await SignedInAsync(Roles.DepartmentHead);
        var inNovember = await AnsweredAtAsync(new DateTime(2026, 11, 12, 9, 30, 0, DateTimeKind.Utc));
        var overLimit = await AnsweredAtAsync(new DateTime(2026, 11, 30, 23, 30, 0, DateTimeKind.Utc), NotBillable.OverYearlyLimit); // 1 December in Paris
        var lastOfNovember = await AnsweredAtAsync(new DateTime(2026, 10, 31, 23, 30, 0, DateTimeKind.Utc)); // 1 November 00:30 in Paris

        var response = await head.Client.GetAsync("/dashboard/billing/2026-11.csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("practitioner,practitioner_id,role,code,at,request,amount,currency,billable,not_billable_reason", lines[0]);
        Assert.Equal(4, lines.Length - 1);
        Assert.Contains(lines, l => l.EndsWith($",requested,TE2,2026-11-12 10:30,{inNovember},20.00,EUR,yes,", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains($",requesting,RQD,2026-11-01 00:30,{lastOfNovember},10.00,EUR,yes,", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(overLimit, StringComparison.Ordinal));

        var december = (await (await head.Client.GetAsync("/dashboard/billing/2026-12.csv")).Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, december.Count(l => l.Contains(overLimit, StringComparison.Ordinal) && l.EndsWith(",0.00,EUR,no,OverYearlyLimit", StringComparison.Ordinal)));
        var entry = await app.AssertAuditedAsync(AuditActions.BillingExported, AuditOutcome.Success);
        Assert.StartsWith("month=2026-", entry.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_head_asking_for_another_department_s_acts_is_refused_and_the_refusal_audited()
    {
        var head = await SignedInAsync(Roles.DepartmentHead);
        var reference = await AnsweredAtAsync(new DateTime(2026, 11, 12, 9, 30, 0, DateTimeKind.Utc));
        var other = Guid.NewGuid();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            // The acts belong to another department than the head's.
            var db = scope.ServiceProvider.GetRequiredService<TeleDermDbContext>();
            db.Departments.Add(new Department { Id = other, Name = "Another dermatology" });
            await db.SaveChangesAsync();
            await db.Set<BillableAct>().ExecuteUpdateAsync(set => set.SetProperty(a => a.DepartmentId, other));
        }

        var response = await head.Client.GetAsync($"/dashboard/billing/2026-11.csv?department={other}");

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Contains("access-denied", response.Headers.Location?.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(reference, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var refusal = await app.AssertAuditedAsync(AuditActions.BillingExported, AuditOutcome.Denied);
        Assert.Equal(other.ToString(), refusal.RecordId);
    }

    [Theory]
    [InlineData("2026-13")]
    [InlineData("11-2026")]
    [InlineData("2026-1")]
    [InlineData("november")]
    public async Task A_malformed_month_gets_a_clear_answer(string month)
    {
        var head = await SignedInAsync(Roles.DepartmentHead);

        var response = await head.Client.GetAsync($"/dashboard/billing/{month}.csv");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("yyyy-MM", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
