using System.Security.Claims;
using Microsoft.Net.Http.Headers;
using TeleDerm.Core.Audit;
using TeleDerm.Core.Reports;
using TeleDerm.Web.Accounts;

namespace TeleDerm.Web.Features.IntakeApi;

/// <summary>
/// Report pull for practice software, with the practice's API key: the signed PDF of a request (exactly the signed
/// bytes; <c>ETag</c> = their SHA-256, so <c>If-None-Match</c> answers 304) and the list of its reports and addenda.
/// Only the practice's own requests (<see cref="PracticeReports"/>); every file served is audited.
/// </summary>
public static class ReportApiEndpoints
{
    public static IEndpointRouteBuilder MapReportApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/cases/{id:guid}").RequireAuthorization(Policies.PracticeApi).DisableAntiforgery().WithTags("Reports");
        api.MapGet("/reports", ListAsync)
            .WithName("ListCaseReports")
            .WithSummary("The signed reports and addenda of a request, oldest first")
            .Produces<IReadOnlyList<ApiReport>>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/report", (Guid id, HttpContext http, PracticeReports reports, IAuditTrail audit, ApiProblems problems) =>
                ServeAsync(id, null, http, reports, audit, problems))
            .WithName("GetCaseReport")
            .WithSummary("The request's current signed report (its last addendum, if any) as the signed PDF")
            .WithDescription("The bytes exactly as signed. ETag is the SHA-256 of the file (also in the list): send it in If-None-Match to get 304 when nothing changed.")
            .ProducesSignedPdf();
        api.MapGet("/reports/{reportId:guid}", (Guid id, Guid reportId, HttpContext http, PracticeReports reports, IAuditTrail audit, ApiProblems problems) =>
                ServeAsync(id, reportId, http, reports, audit, problems))
            .WithName("GetCaseReportById")
            .WithSummary("One signed report or addendum of the request as the signed PDF")
            .ProducesSignedPdf();
        return app;
    }

    private static RouteHandlerBuilder ProducesSignedPdf(this RouteHandlerBuilder endpoint) => endpoint
        .Produces(StatusCodes.Status200OK, typeof(Stream), "application/pdf")
        .Produces(StatusCodes.Status304NotModified)
        .ProducesProblem(StatusCodes.Status401Unauthorized)
        .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<IResult> ListAsync(Guid id, HttpContext http, PracticeReports reports, IAuditTrail audit, ApiProblems problems)
    {
        var list = await reports.ListAsync(IntakeApiEndpoints.PracticeOf(http.User), id, http.RequestAborted);
        if (list is null)
            return problems.Problem(StatusCodes.Status404NotFound, "CaseNotFound");
        await AuditAsync(audit, http, AuditActions.ReportsListedByApi, AuditOutcome.Success, "case", id, null, $"{list.Count} report(s)");
        return Results.Ok(list.Select(r => new ApiReport(r.Id, r.ReportNumber, r.SignedAtUtc, r.Sha256, r.Language, r.AddendumOfReportId,
            $"/api/v1/cases/{id}/reports/{r.Id}")).ToList());
    }

    private static async Task<IResult> ServeAsync(Guid id, Guid? reportId, HttpContext http, PracticeReports reports, IAuditTrail audit, ApiProblems problems)
    {
        var (outcome, file) = await reports.FileAsync(IntakeApiEndpoints.PracticeOf(http.User), id, reportId, http.RequestAborted);
        if (file is null)
            return problems.Problem(StatusCodes.Status404NotFound, outcome.ToString());
        var report = file.Report;
        // The stored hash is checked on the way out, as for the page's download: a file changed at rest is never served as signed.
        if (!report.MatchesRecordedHash())
        {
            await AuditAsync(audit, http, AuditActions.ReportDownloaded, AuditOutcome.Failure, "report", report.Id, file.PatientId, "stored hash mismatch");
            return problems.Problem(StatusCodes.Status500InternalServerError, "ReportIntegrity", report.ReportNumber);
        }
        await AuditAsync(audit, http, AuditActions.ReportDownloaded, AuditOutcome.Success, "report", report.Id, file.PatientId, report.ReportNumber);
        return Results.File(report.Pdf, "application/pdf", $"{report.ReportNumber}.pdf", entityTag: new EntityTagHeaderValue($"\"{report.Sha256}\""));
    }

    private static Task AuditAsync(IAuditTrail audit, HttpContext http, string action, AuditOutcome outcome, string recordType, Guid recordId, Guid? patientId, string? detail) =>
        audit.AppendAsync(new AuditEvent(action, outcome, http.User.FindFirstValue(ClaimTypes.NameIdentifier), http.User.Identity?.Name,
            recordType, recordId.ToString(), patientId?.ToString(), http.Connection.RemoteIpAddress?.ToString(), detail));
}

/// <summary>A signed report or addendum of a request.</summary>
/// <param name="Sha256">Lower-case hex SHA-256 of the signed PDF: the file's ETag.</param>
/// <param name="Language">"en" or "fr": the GP's language when it was signed.</param>
/// <param name="AddendumOfReportId">For an addendum, the report it corrects.</param>
/// <param name="Href">Where to get the signed PDF.</param>
public sealed record ApiReport(Guid Id, string ReportNumber, DateTime SignedAtUtc, string Sha256, string Language, Guid? AddendumOfReportId, string Href);
