using Microsoft.EntityFrameworkCore;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Answers;
using TeleDerm.Core.Audit;
using TeleDerm.Core.Cases;
using TeleDerm.Core.Data;
using TeleDerm.Core.Reports;

namespace TeleDerm.Core.FollowUps;

/// <summary>What the GP's referral letter for an excision or a consultation says (the page prints it in the GP's language).</summary>
public sealed record ReferralLetter(
    GpTaskKind Kind, Management Management, string PatientName, DateOnly BirthDate, Sex Sex, string? NationalHealthId,
    IReadOnlyList<FollowUpLesion> Lesions, string DiagnosisCode, string DiagnosisText, string MessageToGp, bool CorrectedByAddendum,
    string CaseReference, string ReportNumber, DateTime ReportSignedAtUtc, string Dermatologist, string Department,
    string Gp, string? GpRegistrationNumber, string Practice);

/// <summary>
/// The letter a GP gives the surgeon or dermatologist who will see the patient: who, which lesion, what the
/// tele-expertise concluded and which signed report to attach. Only for a task of the GP's own practice; audited
/// (it shows the patient).
/// </summary>
public sealed class ReferralLetters(IDbContextFactory<TeleDermDbContext> dbFactory, IAuditTrail audit)
{
    public async Task<ReferralLetter?> ForAsync(Guid taskId, Actor gp, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var task = await db.Set<GpTask>().AsNoTracking().SingleOrDefaultAsync(t => t.Id == taskId, cancellationToken);
        if (task is null || !gp.IsInRole(Roles.GP) || task.PracticeId != gp.PracticeId || task.Kind == GpTaskKind.PhotoFollowUp
            || !await gp.IsStillEntitledAsync(db, cancellationToken))
        {
            await audit.RecordAsync(gp, AuditActions.ReferralLetterOpened, AuditOutcome.Denied, "gp-task", taskId.ToString(), "not a task of this user's practice",
                cancellationToken: cancellationToken);
            return null;
        }
        var @case = await db.Set<TeleExpertiseCase>().AsNoTracking().Include(c => c.Patient).Include(c => c.Lesions).ThenInclude(l => l.Lesion)
            .SingleAsync(c => c.Id == task.CaseId, cancellationToken);
        var answer = await db.Set<CaseAnswer>().AsNoTracking().SingleAsync(a => a.CaseId == task.CaseId, cancellationToken);
        // The report in force: the latest (an addendum corrects the answer; the letter then points to it, not to the first conclusion).
        var reports = await db.Set<SignedReport>().AsNoTracking().Where(r => r.CaseId == task.CaseId).OrderByDescending(r => r.SignedAtUtc)
            .Select(r => new { r.ReportNumber, r.SignedAtUtc }).ToListAsync(cancellationToken);
        var report = reports[0];
        var people = await db.Users.AsNoTracking().Where(u => u.Id == answer.DermatologistUserId || u.Id == task.GpUserId)
            .ToDictionaryAsync(u => u.Id, u => new { u.DisplayName, u.RegistrationNumber }, cancellationToken);
        var department = await db.Departments.AsNoTracking().Where(d => d.Id == task.DepartmentId).Select(d => d.Name).SingleAsync(cancellationToken);
        var practice = await db.Practices.AsNoTracking().Where(p => p.Id == task.PracticeId).Select(p => p.Name).SingleAsync(cancellationToken);
        var patient = @case.Patient!;
        await audit.RecordAsync(gp, AuditActions.ReferralLetterOpened, AuditOutcome.Success, "gp-task", taskId.ToString(), $"{task.Kind} of case {@case.Reference}",
            patient.Id.ToString(), cancellationToken);
        var gpPerson = people.GetValueOrDefault(task.GpUserId);
        return new ReferralLetter(task.Kind, answer.Management, $"{patient.FamilyName.ToUpperInvariant()} {patient.GivenName}", patient.BirthDate, patient.Sex,
            patient.NationalHealthId, [.. @case.Lesions.Select(l => new FollowUpLesion(l.LesionId, l.Lesion!.BodySiteCode, l.Lesion.Laterality, l.Lesion.Description))],
            answer.DiagnosisCode, answer.DiagnosisText, answer.MessageToGp, reports.Count > 1, @case.Reference, report.ReportNumber, report.SignedAtUtc,
            people.GetValueOrDefault(answer.DermatologistUserId)?.DisplayName ?? "", department, gpPerson?.DisplayName ?? "", gpPerson?.RegistrationNumber, practice);
    }
}
