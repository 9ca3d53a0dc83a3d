using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Authorization;
using TeleDerm.Core.Data;

namespace TeleDerm.Core.Cases;

/// <summary>Another request to the department about the same person, as the department sees it.</summary>
public sealed record RelatedRequest(Guid CaseId, string Reference, DateTime? SubmittedAtUtc, CaseStatus Status, string PracticeName, bool SameRecord);

/// <summary>
/// The department's side of matching patients across practices. A GP sees only their own practice's patient
/// records (so no GP learns whether another practice knows someone); the department that answers both may
/// compare them: the other requests it received about the same person, by national identifier or by names and
/// birth date, whichever practice sent them. Only for department staff, only within their department.
/// </summary>
public sealed class SamePersonElsewhere(IDbContextFactory<TeleDermDbContext> dbFactory)
{
    public async Task<IReadOnlyList<RelatedRequest>> ForAsync(Actor user, Guid caseId, CancellationToken cancellationToken = default)
    {
        if (!(user.IsInRole(Accounts.Roles.Dermatologist) || user.IsInRole(Accounts.Roles.DepartmentHead))
            || user.DepartmentId is not { } department)
        {
            return [];
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var @case = await db.Set<TeleExpertiseCase>().AsNoTracking().Include(c => c.Patient)
            .SingleOrDefaultAsync(c => c.Id == caseId && c.DepartmentId == department, cancellationToken);
        if (@case?.Patient is not { } patient)
        {
            return [];
        }
        var nhi = patient.NationalHealthId;
        var rows = await db.Set<TeleExpertiseCase>().AsNoTracking()
            .Where(c => c.DepartmentId == department && c.Id != caseId && c.Status != CaseStatus.Draft)
            .Where(c => c.PatientId == patient.Id
                || (nhi != null && c.Patient!.NationalHealthId == nhi)
                || (c.Patient!.FamilyName == patient.FamilyName && c.Patient.GivenName == patient.GivenName && c.Patient.BirthDate == patient.BirthDate))
            .OrderByDescending(c => c.SubmittedAtUtc)
            .Select(c => new { c.Id, c.Reference, c.SubmittedAtUtc, c.Status, c.PracticeId, c.PatientId })
            .Take(50)
            .ToListAsync(cancellationToken);
        var practices = await db.Practices.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken);
        return [.. rows.Select(r => new RelatedRequest(r.Id, r.Reference, r.SubmittedAtUtc, r.Status, practices.GetValueOrDefault(r.PracticeId, "?"), r.PatientId == patient.Id))];
    }
}
