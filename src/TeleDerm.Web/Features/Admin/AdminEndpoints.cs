using System.Globalization;
using Microsoft.EntityFrameworkCore;
using TeleDerm.Core.Audit;
using TeleDerm.Core.Data;
using TeleDerm.Web.Accounts;

namespace TeleDerm.Web.Features.Admin;

public static class AdminEndpoints
{
    public static void MapAdminEndpoints(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/admin").RequireAuthorization(Policies.Admin);

        // The audit trail as CSV, with the same filters as the page (query: from, to, user, action, record, outcome).
        admin.MapGet("/audit/export.csv", async (HttpContext context, IDbContextFactory<TeleDermDbContext> dbFactory, AuditRecorder audit) =>
        {
            var filter = ParseFilter(context.Request.Query);
            if (filter is null)
            {
                return Results.BadRequest("Dates must be yyyy-MM-dd and outcome one of Success, Failure, Denied.");
            }
            await audit.RecordAsync(AuditActions.AuditExported, details: context.Request.QueryString.Value);
            return Results.Stream(async stream =>
            {
                await using var db = await dbFactory.CreateDbContextAsync();
                await using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false));
                var entries = filter.Apply(db.AuditEntries.AsNoTracking()).OrderBy(e => e.Sequence).AsAsyncEnumerable();
                await AuditCsv.WriteAsync(writer, entries);
            }, "text/csv; charset=utf-8", $"teleDerm-audit-{DateTime.UtcNow:yyyyMMdd-HHmmss}.csv");
        });
    }

    internal static AuditFilter? ParseFilter(IQueryCollection query)
    {
        static bool TryDate(string? text, out DateOnly? value)
        {
            value = null;
            if (string.IsNullOrEmpty(text))
            {
                return true;
            }
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                value = parsed;
                return true;
            }
            return false;
        }
        if (!TryDate(query["from"], out var from) || !TryDate(query["to"], out var to))
        {
            return null;
        }
        AuditOutcome? outcome = null;
        if (!string.IsNullOrEmpty(query["outcome"]))
        {
            if (!Enum.TryParse<AuditOutcome>(query["outcome"], ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
            {
                return null;
            }
            outcome = parsed;
        }
        return AuditFilter.ForDays(from, to, query["user"], query["action"], query["record"], outcome);
    }
}
