using TeleDerm.Core.Audit;
using TeleDerm.Web.Accounts;

namespace TeleDerm.Web.Features.Reports;

public static class ReportEndpoints
{
    /// <summary>
    /// GET /reports/{id}/pdf: the signed file exactly as stored, for the GP of the request and the department.
    /// Declares no policy: the fallback (signed in with two-factor) applies, and the record rule decides.
    /// The stored hash is checked on the way out, so a file changed on disk is never served as signed.
    /// </summary>
    public static void MapReportEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/reports/{reportId:guid}/pdf", async (Guid reportId, HttpContext context, CurrentActor current, ReportQueries queries, AuditRecorder audit) =>
        {
            var file = await queries.FileAsync(current.Actor, reportId, context.RequestAborted);
            if (file is null)
            {
                await audit.RecordAsync(AuditActions.ReportDownloaded, AuditOutcome.Denied, "report", reportId.ToString());
                return Results.NotFound();
            }
            var report = file.Report;
            if (!report.MatchesRecordedHash())
            {
                await audit.RecordAsync(AuditActions.ReportDownloaded, AuditOutcome.Failure, "report", reportId.ToString(), "stored hash mismatch", patientId: file.PatientId.ToString());
                return Results.Problem($"Report {report.ReportNumber} does not match its recorded hash; it is not served.", statusCode: 500);
            }
            await audit.RecordAsync(AuditActions.ReportDownloaded, AuditOutcome.Success, "report", reportId.ToString(), report.ReportNumber, patientId: file.PatientId.ToString());
            return Results.File(report.Pdf, "application/pdf", $"{report.ReportNumber}.pdf");
        });
    }
}
