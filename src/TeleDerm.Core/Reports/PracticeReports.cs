using Microsoft.EntityFrameworkCore;
using TeleDerm.Core.Cases;
using TeleDerm.Core.Data;

namespace TeleDerm.Core.Reports;

/// <summary>One signed report or addendum as practice software lists it (no patient data: the case id is the link).</summary>
public sealed record PracticeReportEntry(Guid Id, string ReportNumber, DateTime SignedAtUtc, string Sha256, string Language, Guid? AddendumOfReportId);

/// <summary>A stored, signed file and the patient it concerns (for the audit trail).</summary>
public sealed record PracticeReportFile(SignedReport Report, Guid PatientId);

/// <summary>
/// The signed reports of a request, as the practice that sent it pulls them into its software: only that practice's
/// own requests (another practice's, a draft, or an unknown id are all "no such request", so nothing is guessable),
/// oldest first, addenda naming the report they correct.
/// </summary>
public sealed class PracticeReports(IDbContextFactory<TeleDermDbContext> dbFactory)
{
    /// <summary>The case's reports and addenda; null when the practice has no such request.</summary>
    public async Task<IReadOnlyList<PracticeReportEntry>?> ListAsync(Guid practiceId, Guid caseId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await OwnCaseAsync(db, practiceId, caseId, cancellationToken) is null)
            return null;
        return await db.Set<SignedReport>().AsNoTracking().Where(r => r.CaseId == caseId).OrderBy(r => r.SignedAtUtc)
            .Select(r => new PracticeReportEntry(r.Id, r.ReportNumber, r.SignedAtUtc, r.Sha256, r.Language, r.AddendumOfReportId))
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// One report of the case (<paramref name="reportId"/>), or its latest signed one when null (the last addendum if
    /// there is one). <see cref="PracticeReportLookup.CaseNotFound"/> when the practice has no such request.
    /// </summary>
    public async Task<(PracticeReportLookup Outcome, PracticeReportFile? File)> FileAsync(Guid practiceId, Guid caseId, Guid? reportId,
        CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var @case = await OwnCaseAsync(db, practiceId, caseId, cancellationToken);
        if (@case is null)
            return (PracticeReportLookup.CaseNotFound, null);
        var reports = db.Set<SignedReport>().AsNoTracking().Where(r => r.CaseId == caseId);
        var report = reportId is { } id
            ? await reports.SingleOrDefaultAsync(r => r.Id == id, cancellationToken)
            : await reports.OrderByDescending(r => r.SignedAtUtc).FirstOrDefaultAsync(cancellationToken);
        return report is null
            ? (reportId is null ? PracticeReportLookup.NotSignedYet : PracticeReportLookup.ReportNotFound, null)
            : (PracticeReportLookup.Found, new PracticeReportFile(report, @case.PatientId));
    }

    private static Task<TeleExpertiseCase?> OwnCaseAsync(TeleDermDbContext db, Guid practiceId, Guid caseId, CancellationToken cancellationToken) =>
        db.Set<TeleExpertiseCase>().AsNoTracking()
            .SingleOrDefaultAsync(c => c.Id == caseId && c.PracticeId == practiceId && c.Status != CaseStatus.Draft, cancellationToken);
}

public enum PracticeReportLookup
{
    Found,
    /// <summary>Not a request of this practice (or no such request at all: the two are not told apart).</summary>
    CaseNotFound,
    /// <summary>The request has no signed report yet.</summary>
    NotSignedYet,
    /// <summary>The request has no report with that id.</summary>
    ReportNotFound,
}
