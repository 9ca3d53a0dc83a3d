using Microsoft.EntityFrameworkCore;
using TeleDerm.Core.Authorization;
using TeleDerm.Core.Cases;
using TeleDerm.Core.Data;
using TeleDerm.Core.Reports;
using TeleDerm.Core.Accounts;

namespace TeleDerm.Web.Features.Reports;

public sealed record ReportRow(Guid Id, string ReportNumber, DateTime SignedAtUtc, string SignedBy, string Sha256, Guid? AddendumOfReportId);

public sealed record ReportFile(SignedReport Report, Guid PatientId);

/// <summary>Signed reports of a case, for the people who may see the case (<see cref="RecordAccess"/>).</summary>
public sealed class ReportQueries(IDbContextFactory<TeleDermDbContext> dbFactory)
{
    public async Task<IReadOnlyList<ReportRow>> ForCaseAsync(Actor user, Guid caseId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var @case = await db.Set<TeleExpertiseCase>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == caseId, cancellationToken);
        if (@case is null || !RecordAccess.CanView(user, @case))
            return [];
        var rows = await db.Set<SignedReport>().AsNoTracking().Where(r => r.CaseId == caseId).OrderBy(r => r.SignedAtUtc)
            .Select(r => new { r.Id, r.ReportNumber, r.SignedAtUtc, r.SignedByUserId, r.Sha256, r.AddendumOfReportId })
            .ToListAsync(cancellationToken);
        var ids = rows.Select(r => r.SignedByUserId).Distinct().ToList();
        var names = await db.Users.Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        return [.. rows.Select(r => new ReportRow(r.Id, r.ReportNumber, r.SignedAtUtc, names.GetValueOrDefault(r.SignedByUserId, "—"), r.Sha256, r.AddendumOfReportId))];
    }

    /// <summary>The stored file, when this user may see its case; null otherwise (not yours, or not there).</summary>
    public async Task<ReportFile?> FileAsync(Actor user, Guid reportId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var report = await db.Set<SignedReport>().AsNoTracking().SingleOrDefaultAsync(r => r.Id == reportId, cancellationToken);
        if (report is null)
            return null;
        var @case = await db.Set<TeleExpertiseCase>().AsNoTracking().SingleAsync(c => c.Id == report.CaseId, cancellationToken);
        return RecordAccess.CanView(user, @case) ? new ReportFile(report, @case.PatientId) : null;
    }
}
