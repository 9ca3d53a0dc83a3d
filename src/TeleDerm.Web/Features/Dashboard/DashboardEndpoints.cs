using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Audit;
using TeleDerm.Core.Authorization;
using TeleDerm.Core.Billing;
using TeleDerm.Core.Dashboard;
using TeleDerm.Core.Data;
using TeleDerm.Web.Accounts;
using TeleDerm.Web.Features.Scoring;
using TeleDerm.Web.Hosting;

namespace TeleDerm.Web.Features.Dashboard;

public static class DashboardEndpoints
{
    public const string AuditExported = AuditActions.DashboardExported;

    public static void MapDashboardEndpoints(this IEndpointRouteBuilder app)
    {
        var dashboard = app.MapGroup("/dashboard").RequireAuthorization(Policies.DashboardViewers);

        dashboard.MapGet("/billing/{month}.csv", BillingStatementAsync);

        // One table of the dashboard as CSV (query: from, to as yyyy-MM-dd, both days included; department for administrators).
        dashboard.MapGet("/export/{table}.csv", async (string table, HttpContext context, DepartmentDashboard figures, ClinicalTime time,
            ActiveRiskModel model, IDbContextFactory<TeleDermDbContext> dbFactory, AuditRecorder audit, CurrentActor current) =>
        {
            var actor = current.Actor;
            if (!DashboardTables.Names.Contains(table))
            {
                return Results.Text($"No dashboard table '{table}'. Tables: {string.Join(", ", DashboardTables.Names)}.", "text/plain; charset=utf-8", statusCode: StatusCodes.Status404NotFound);
            }
            var input = DashboardPeriodInput.TryParse(context.Request.Query["from"], context.Request.Query["to"], out var error);
            if (input is null)
            {
                return Results.Text(error, "text/plain; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);
            }
            var department = await DepartmentOfAsync(actor, context.Request.Query["department"], dbFactory);
            if (department is null)
            {
                return Results.Text("Give department=<id> of an existing department.", "text/plain; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);
            }
            if (!DashboardDrillDown.MaySee(actor, department.Value))
            {
                await audit.RecordAsync(AuditExported, AuditOutcome.Denied, "department", department.Value.ToString(), $"table={table}");
                return Results.Forbid();
            }
            var comparison = await figures.CompareAsync(department.Value, input.ToPeriod(time), await ModelBands.ForActiveAsync(model), context.RequestAborted);
            await audit.RecordAsync(AuditExported, recordType: "department", recordId: department.Value.ToString(),
                details: $"table={table}; from={input.FirstDay:yyyy-MM-dd}; to={input.LastDay:yyyy-MM-dd}");
            var csv = DashboardTables.Build(table, comparison)!.ToCsv();
            return Results.File(new System.Text.UTF8Encoding(false).GetBytes(csv), "text/csv; charset=utf-8",
                $"teleDerm-{table}-{input.FirstDay:yyyyMMdd}-{input.LastDay:yyyyMMdd}.csv");
        });
    }

    /// <summary>
    /// A department's acts of one calendar month (in its time zone) as CSV, by practitioner: what goes to the billing
    /// office. Amounts with a dot and two decimals; not billable acts with their reason.
    /// </summary>
    private static async Task<IResult> BillingStatementAsync(string month, HttpContext context, BillingStatements statements, ClinicalTime time,
        IDbContextFactory<TeleDermDbContext> dbFactory, AuditRecorder audit, CurrentActor current)
    {
        var actor = current.Actor;
        if (!DateOnly.TryParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first))
        {
            return Results.Text("Give the month as yyyy-MM, e.g. /dashboard/billing/2026-12.csv.", "text/plain; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);
        }
        var department = await DepartmentOfAsync(actor, context.Request.Query["department"], dbFactory);
        if (department is null)
        {
            return Results.Text("Give department=<id> of an existing department.", "text/plain; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);
        }
        var lines = await statements.ForPeriodAsync(actor, department.Value, time.StartOfDayUtc(first), time.StartOfDayUtc(first.AddMonths(1)), context.RequestAborted);
        if (lines is null)
        {
            await audit.RecordAsync(AuditActions.BillingExported, AuditOutcome.Denied, "department", department.Value.ToString(), $"month={month}");
            return Results.Forbid();
        }
        await audit.RecordAsync(AuditActions.BillingExported, recordType: "department", recordId: department.Value.ToString(), details: $"month={month}; acts={lines.Count}");
        // The dashboard's own CSV writer (header, RFC 4180 quoting, formulas defused).
        var table = new DashboardTable("billing", ["practitioner", "practitioner_id", "role", "code", "at", "request", "amount", "currency", "billable", "not_billable_reason"],
            [.. lines.Select(line => (IReadOnlyList<string>)
            [
                line.PractitionerName, line.PractitionerUserId ?? "", line.Role == ActRole.Requested ? "requested" : "requesting", line.Code,
                time.ToLocal(line.AtUtc).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), line.CaseReference,
                line.Amount.ToString("0.00", CultureInfo.InvariantCulture), line.Currency, line.IsBillable ? "yes" : "no", line.NotBillableReason ?? "",
            ])]);
        return Results.File(new UTF8Encoding(false).GetBytes(table.ToCsv()), "text/csv; charset=utf-8", $"teleDerm-billing-{month}.csv");
    }

    /// <summary>
    /// The department a dashboard request is about: a head's own (whatever they ask for: asking for another
    /// one is refused by the caller's check), an administrator's choice or else the first department by name.
    /// </summary>
    public static async Task<Guid?> DepartmentOfAsync(Actor user, string? requested, IDbContextFactory<TeleDermDbContext> dbFactory)
    {
        Guid? asked = Guid.TryParse(requested, out var parsed) ? parsed : null;
        if (user.IsInRole(Roles.DepartmentHead) && user.DepartmentId is { } own)
        {
            return asked ?? own;
        }
        await using var db = await dbFactory.CreateDbContextAsync();
        return asked is { } id
            ? await db.Departments.AnyAsync(d => d.Id == id) ? id : null
            : await db.Departments.OrderBy(d => d.Name).Select(d => (Guid?)d.Id).FirstOrDefaultAsync();
    }
}
