using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Audit;
using TeleDerm.Core.Billing;
using TeleDerm.Core.Cases;
using TeleDerm.Core.Data;
using TeleDerm.Core.Errors;
using TeleDerm.Core.Events;
using TeleDerm.Core.FollowUps;
using TeleDerm.Core.Notifications;
using TeleDerm.Core.Reports;

namespace TeleDerm.Core.Answers;

/// <summary>The report as signed by the host: PDF bytes and what to record about them.</summary>
public sealed record SignedReportFile(byte[] Pdf, string CertificateThumbprint, string Language, string? DicomSopInstanceUid);

/// <summary>
/// Composes and signs the report of an answer (the web host: PDF, certificate, DICOM store). Called inside
/// <see cref="AnswerCommands.AnswerAndSignAsync"/> once the answer is valid and the case may be answered.
/// </summary>
public interface IReportSigner
{
    Task<SignedReportFile> SignAsync(TeleExpertiseCase @case, CaseAnswer answer, string reportNumber, DateTime signingTimeUtc, SignedReport? addendumOf, CancellationToken cancellationToken);
}

/// <summary>
/// The outcome of signing: the signed report, or the <see cref="Errors.Refusal"/> the dermatologist reads, with the
/// text key of each field in error (the form shows them by their fields).
/// </summary>
public sealed record AnswerResult(bool Succeeded, Refusal? Refusal = null, IReadOnlyDictionary<string, string>? FieldErrors = null, SignedReport? Report = null)
{
    /// <summary>Some fields need the dermatologist's attention; <paramref name="fieldErrors"/> says which.</summary>
    public static AnswerResult Invalid(IReadOnlyDictionary<string, string> fieldErrors) =>
        new(false, new Refusal("Answer.Error.Invalid", "Some fields of the answer need attention."), fieldErrors);

    public static AnswerResult Refused(Refusal refusal) => new(false, refusal);

    /// <summary>The refusal's English sentence (logs, audit, tests).</summary>
    public string? Error => Refusal?.Message;
}

/// <summary>
/// The dermatologist's answer, stored together with its signed report in one transaction: the case moves
/// to Answered, the answer and the report row are written, the signing is audited and the GP is told
/// (<see cref="CaseEventKind.ReportSigned"/>). The re-authentication (password or TOTP) is the caller's.
/// </summary>
public sealed class AnswerCommands(
    IDbContextFactory<TeleDermDbContext> dbFactory,
    IAuditTrail audit,
    ICaseEventPublisher events,
    TimeProvider clock,
    IOptions<ServiceLevels> serviceLevels,
    IOptions<BillingOptions>? billing = null,
    IOptions<FollowUpOptions>? followUpOptions = null)
{
    private readonly BillingOptions tariff = billing?.Value ?? new BillingOptions();
    private readonly FollowUpOptions followUps = followUpOptions?.Value ?? new FollowUpOptions();

    public async Task<AnswerResult> AnswerAndSignAsync(Guid caseId, Actor actor, AnswerDraft draft, IReportSigner signer, CancellationToken cancellationToken = default)
    {
        var errors = AnswerValidation.Validate(draft);
        if (errors.Count > 0)
            return AnswerResult.Invalid(errors);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await actor.IsStillEntitledAsync(db, cancellationToken))
        {
            await RecordAsync(actor, AuditActions.ReportSigned, AuditOutcome.Denied, caseId, null, "account disabled or its rights changed");
            return AnswerResult.Refused(Refusal.Case("RightsChanged", ActorStanding.RightsChanged));
        }
        var @case = await db.Set<TeleExpertiseCase>().Include(c => c.Patient).SingleOrDefaultAsync(c => c.Id == caseId, cancellationToken);
        if (@case is null || actor.Role != Accounts.Roles.Dermatologist || @case.DepartmentId != actor.DepartmentId)
        {
            await RecordAsync(actor, AuditActions.ReportSigned, AuditOutcome.Denied, caseId, null, "not this user's case");
            return AnswerResult.Refused(Refusal.Case("NotYours", "This case does not exist or is not one you may act on."));
        }
        var now = clock.GetUtcNow().UtcDateTime;
        try
        {
            CaseLifecycle.Apply(@case, CaseAction.Answer, actor.UserId, now);
        }
        catch (CaseTransitionException refused)
        {
            await RecordAsync(actor, AuditActions.ReportSigned, AuditOutcome.Failure, caseId, @case.PatientId, refused.Message);
            return AnswerResult.Refused(refused.Refusal);
        }
        TriagePriority.Update(@case, serviceLevels.Value);

        var answer = new CaseAnswer
        {
            Id = Guid.NewGuid(),
            CaseId = caseId,
            DermatologistUserId = actor.UserId,
            DiagnosisCode = draft.DiagnosisCode,
            DiagnosisText = draft.DiagnosisText.Trim(),
            Confidence = draft.Confidence,
            Management = draft.Management,
            FollowUpMonths = draft.Management == Management.PhotoFollowUp ? draft.FollowUpMonths : null,
            MessageToGp = draft.MessageToGp.Trim(),
            PatientAdvice = string.IsNullOrWhiteSpace(draft.PatientAdvice) ? null : draft.PatientAdvice.Trim(),
            AnsweredAtUtc = now,
        };
        answer.Prescription.AddRange(draft.Prescription.Select((line, i) => new PrescriptionLine
        {
            Id = Guid.NewGuid(),
            AnswerId = answer.Id,
            LineNumber = i + 1,
            Medicine = line.Medicine.Trim(),
            Strength = line.Strength.Trim(),
            Dose = line.Dose.Trim(),
            Duration = line.Duration.Trim(),
            Instructions = string.IsNullOrWhiteSpace(line.Instructions) ? null : line.Instructions.Trim(),
        }));
        db.Add(answer);
        CaseOutcomes.Record(@case, answer);

        var reportNumber = $"{@case.Reference}-R1";
        SignedReportFile file;
        try
        {
            file = await signer.SignAsync(@case, answer, reportNumber, now, addendumOf: null, cancellationToken);
        }
        catch (ReportSigningException e)
        {
            await RecordAsync(actor, AuditActions.ReportSigned, AuditOutcome.Failure, caseId, @case.PatientId, e.Message);
            return AnswerResult.Refused(e.Refusal);
        }
        var report = new SignedReport
        {
            Id = Guid.NewGuid(),
            CaseId = caseId,
            ReportNumber = reportNumber,
            SignedByUserId = actor.UserId,
            SignedAtUtc = now,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(file.Pdf)),
            Pdf = file.Pdf,
            Language = file.Language,
            CertificateThumbprint = file.CertificateThumbprint,
            DicomSopInstanceUid = file.DicomSopInstanceUid,
        };
        db.Add(report);
        await NotificationDelivery.EnqueueAsync(db, NotificationKind.ReportSigned, @case.Id, @case.SubmittedByUserId, @case.PracticeId, now);
        await BillableActs.RecordAnsweredAsync(db, @case, actor.UserId, now, tariff, cancellationToken);
        await GpTasks.RecordFromAnswerAsync(db, @case, answer, followUps, cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another person changed the case since it was read (background scores do not renew its version).
            var changed = Refusal.Answer("ChangedMeanwhile", "Someone changed this case a moment ago; nothing was signed. Reload and try again.");
            await RecordAsync(actor, AuditActions.ReportSigned, AuditOutcome.Failure, caseId, @case.PatientId, changed.Message);
            return AnswerResult.Refused(changed);
        }
        await RecordAsync(actor, AuditActions.ReportSigned, AuditOutcome.Success, caseId, @case.PatientId,
            $"report {report.ReportNumber} sha256 {report.Sha256} certificate {report.CertificateThumbprint}");
        events.Publish(new CaseEvent(@case.Id, @case.DepartmentId, @case.SubmittedByUserId, CaseEventKind.ReportSigned, now));
        return new AnswerResult(true, Report: report);
    }

    /// <summary>
    /// A correction of a signed report: a new report, signed, naming the latest one it corrects (its number and
    /// hash are printed on it). The earlier reports and the stored answer stay as signed; the case keeps its
    /// status. Only the dermatologist who answered may write one, on an answered or closed case.
    /// </summary>
    public async Task<AnswerResult> AddendumAsync(Guid caseId, Actor actor, AnswerDraft draft, IReportSigner signer, CancellationToken cancellationToken = default)
    {
        var errors = AnswerValidation.Validate(draft);
        if (errors.Count > 0)
            return AnswerResult.Invalid(errors);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await actor.IsStillEntitledAsync(db, cancellationToken))
        {
            await RecordAsync(actor, AuditActions.AddendumSigned, AuditOutcome.Denied, caseId, null, "account disabled or its rights changed");
            return AnswerResult.Refused(Refusal.Case("RightsChanged", ActorStanding.RightsChanged));
        }
        var @case = await db.Set<TeleExpertiseCase>().Include(c => c.Patient).SingleOrDefaultAsync(c => c.Id == caseId, cancellationToken);
        var original = await db.Set<CaseAnswer>().AsNoTracking().SingleOrDefaultAsync(a => a.CaseId == caseId, cancellationToken);
        var latest = await db.Set<SignedReport>().AsNoTracking().Where(r => r.CaseId == caseId).OrderByDescending(r => r.SignedAtUtc).FirstOrDefaultAsync(cancellationToken);
        if (@case is null || original is null || latest is null || original.DermatologistUserId != actor.UserId
            || @case.Status is not (CaseStatus.Answered or CaseStatus.Closed))
        {
            await RecordAsync(actor, AuditActions.AddendumSigned, AuditOutcome.Denied, caseId, @case?.PatientId, "no signed report of this dermatologist");
            return AnswerResult.Refused(Refusal.Answer("AddendumNotYours", "Only the dermatologist who signed the report of an answered case can write an addendum."));
        }
        var now = clock.GetUtcNow().UtcDateTime;
        // The corrected answer as printed on the addendum; not stored as the case's answer (that stays as signed).
        var corrected = new CaseAnswer
        {
            Id = Guid.NewGuid(), CaseId = caseId, DermatologistUserId = actor.UserId, DiagnosisCode = draft.DiagnosisCode,
            DiagnosisText = draft.DiagnosisText.Trim(), Confidence = draft.Confidence, Management = draft.Management,
            FollowUpMonths = draft.Management == Management.PhotoFollowUp ? draft.FollowUpMonths : null,
            MessageToGp = draft.MessageToGp.Trim(), PatientAdvice = string.IsNullOrWhiteSpace(draft.PatientAdvice) ? null : draft.PatientAdvice.Trim(),
            AnsweredAtUtc = now,
        };
        corrected.Prescription.AddRange(draft.Prescription.Select((line, i) => new PrescriptionLine
        {
            Id = Guid.NewGuid(), AnswerId = corrected.Id, LineNumber = i + 1, Medicine = line.Medicine.Trim(), Strength = line.Strength.Trim(),
            Dose = line.Dose.Trim(), Duration = line.Duration.Trim(), Instructions = string.IsNullOrWhiteSpace(line.Instructions) ? null : line.Instructions.Trim(),
        }));
        var count = await db.Set<SignedReport>().CountAsync(r => r.CaseId == caseId, cancellationToken);
        var reportNumber = $"{@case.Reference}-R{count + 1}";
        SignedReportFile file;
        try
        {
            file = await signer.SignAsync(@case, corrected, reportNumber, now, latest, cancellationToken);
        }
        catch (ReportSigningException e)
        {
            await RecordAsync(actor, AuditActions.AddendumSigned, AuditOutcome.Failure, caseId, @case.PatientId, e.Message);
            return AnswerResult.Refused(e.Refusal);
        }
        var report = new SignedReport
        {
            Id = Guid.NewGuid(), CaseId = caseId, ReportNumber = reportNumber, SignedByUserId = actor.UserId, SignedAtUtc = now,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(file.Pdf)), Pdf = file.Pdf, Language = file.Language,
            CertificateThumbprint = file.CertificateThumbprint, DicomSopInstanceUid = file.DicomSopInstanceUid, AddendumOfReportId = latest.Id,
        };
        db.Add(report);
        @case.LastActivityAtUtc = now;
        @case.Version = Guid.NewGuid();
        await GpTasks.ReviseFromAddendumAsync(db, @case, corrected, followUps, cancellationToken);
        await NotificationDelivery.EnqueueAsync(db, NotificationKind.ReportSigned, @case.Id, @case.SubmittedByUserId, @case.PracticeId, now);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            var changed = Refusal.Answer("ChangedMeanwhile", "Someone changed this case a moment ago; nothing was signed. Reload and try again.");
            await RecordAsync(actor, AuditActions.AddendumSigned, AuditOutcome.Failure, caseId, @case.PatientId, changed.Message);
            return AnswerResult.Refused(changed);
        }
        await RecordAsync(actor, AuditActions.AddendumSigned, AuditOutcome.Success, caseId, @case.PatientId,
            $"report {report.ReportNumber} corrects {latest.ReportNumber}; sha256 {report.Sha256}");
        events.Publish(new CaseEvent(@case.Id, @case.DepartmentId, @case.SubmittedByUserId, CaseEventKind.ReportSigned, now));
        return new AnswerResult(true, Report: report);
    }

    private Task RecordAsync(Actor actor, string action, AuditOutcome outcome, Guid caseId, Guid? patientId, string? details) =>
        audit.AppendAsync(new AuditEvent(action, outcome, actor.UserId, actor.UserName, "case", caseId.ToString(), patientId?.ToString(), actor.IpAddress, details));
}

/// <summary>The report could not be signed (no certificate, key unreadable); nothing is stored.</summary>
/// <summary>A signature that could not be made, or a signing certificate refused ("SigningError.{code}").</summary>
public sealed class ReportSigningException(string code, string message, params object[] arguments) : RefusedException(Refusal.Signing(code, message, arguments));
