using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Audit;
using TeleDerm.Core.Authorization;
using TeleDerm.Core.Cases;
using TeleDerm.Core.Data;
using TeleDerm.Core.Errors;
using TeleDerm.Core.FollowUps;

namespace TeleDerm.Core.Histology;

/// <summary>What the GP or the dermatologist types from the pathology report.</summary>
public sealed record HistologyInput(Guid LesionId, HistologyProcedure Procedure, HistologyDiagnosis Diagnosis, decimal? BreslowMm, string? Text, DateOnly SampledOn);

/// <summary>
/// Records the histology of a lesion judged in a tele-expertise, and reads a case's results. Recorded by a GP of the
/// case's practice or a dermatologist of its department, once the request was answered (or turned into a
/// consultation); rights re-read at each command; every recording audited.
/// </summary>
public sealed class HistologyCommands(IDbContextFactory<TeleDermDbContext> dbFactory, IAuditTrail audit, TimeProvider clock, IOptions<FollowUpOptions> calendar)
{
    public const int MaxTextLength = 1000;
    public const decimal MaxBreslowMm = 100m;

    private static readonly CaseStatus[] AfterTheAnswer = [CaseStatus.Answered, CaseStatus.Closed, CaseStatus.ConvertedToAppointment];

    /// <summary>Null when recorded; else why not, in the reader's words ("HistologyError.{code}").</summary>
    public async Task<Refusal?> RecordAsync(Guid caseId, HistologyInput input, Actor actor, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var @case = await db.Set<TeleExpertiseCase>().AsNoTracking().Include(c => c.Lesions).SingleOrDefaultAsync(c => c.Id == caseId, cancellationToken);
        var mayRecord = @case is not null && await actor.IsStillEntitledAsync(db, cancellationToken)
            && ((actor.IsInRole(Roles.GP) && @case.PracticeId == actor.PracticeId) || (actor.IsInRole(Roles.Dermatologist) && @case.DepartmentId == actor.DepartmentId));
        if (!mayRecord)
        {
            await audit.RecordAsync(actor, AuditActions.HistologyRecorded, AuditOutcome.Denied, "case", caseId.ToString(), "not a case this user may record on",
                cancellationToken: cancellationToken);
            return Refusal.Case("NotYours", "This case does not exist or is not one you may act on.");
        }
        if (Problem(@case!, input, calendar.Value.DayOf(@case!.SubmittedAtUtc ?? @case.CreatedAtUtc), calendar.Value.Today(clock)) is { } problem)
        {
            await audit.RecordAsync(actor, AuditActions.HistologyRecorded, AuditOutcome.Failure, "case", caseId.ToString(), problem.Message,
                @case!.PatientId.ToString(), cancellationToken);
            return problem;
        }
        var result = new HistologyResult
        {
            Id = Guid.NewGuid(), CaseId = caseId, LesionId = input.LesionId, DepartmentId = @case!.DepartmentId, PracticeId = @case.PracticeId,
            Procedure = input.Procedure, Diagnosis = input.Diagnosis,
            BreslowMm = input.Diagnosis == HistologyDiagnosis.InvasiveMelanoma ? input.BreslowMm : null,
            Text = string.IsNullOrWhiteSpace(input.Text) ? null : input.Text.Trim(),
            SampledOn = input.SampledOn, RecordedByUserId = actor.UserId, RecordedAtUtc = clock.GetUtcNow().UtcDateTime,
        };
        db.Add(result);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(actor, AuditActions.HistologyRecorded, AuditOutcome.Success, "case", caseId.ToString(),
            $"lesion {input.LesionId}: {input.Procedure} {input.Diagnosis}{(result.BreslowMm is { } b ? $" Breslow {b} mm" : "")}", @case.PatientId.ToString(), cancellationToken);
        return null;
    }

    /// <summary>A case's results, newest first, for whoever may view the case; empty for anyone else.</summary>
    public async Task<IReadOnlyList<HistologyResult>> ForCaseAsync(Guid caseId, Actor viewer, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var @case = await db.Set<TeleExpertiseCase>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == caseId, cancellationToken);
        if (@case is null || !RecordAccess.CanView(viewer, @case))
        {
            return [];
        }
        var results = await db.Set<HistologyResult>().AsNoTracking().Where(r => r.CaseId == caseId).ToListAsync(cancellationToken);
        return [.. results.OrderByDescending(r => r.RecordedAtUtc)];
    }

    /// <param name="submittedOn">The request's day and <paramref name="today"/>, in the institution's calendar: the sample's date lies between.</param>
    private static Refusal? Problem(TeleExpertiseCase @case, HistologyInput input, DateOnly submittedOn, DateOnly today)
    {
        if (!AfterTheAnswer.Contains(@case.Status))
        {
            return Error("NotAnswered", "A histology result is recorded once the request has been answered.");
        }
        if (!@case.Lesions.Any(l => l.LesionId == input.LesionId))
        {
            return Error("Lesion", "Choose a lesion of this request.");
        }
        if (!Enum.IsDefined(input.Diagnosis) || !Enum.IsDefined(input.Procedure))
        {
            return Error("Diagnosis", "Choose the diagnosis and whether it was an excision or a biopsy.");
        }
        if (input.Diagnosis == HistologyDiagnosis.InvasiveMelanoma && input.BreslowMm is not (> 0m and <= MaxBreslowMm))
        {
            return Error("Breslow", "Give the Breslow thickness of the invasive melanoma, in millimetres (more than 0, at most 100).", MaxBreslowMm);
        }
        if (input.Diagnosis == HistologyDiagnosis.Other && string.IsNullOrWhiteSpace(input.Text))
        {
            return Error("Text", "Give the pathologist's diagnosis in words.");
        }
        if (input.Text is { Length: > MaxTextLength })
        {
            return Error("TextTooLong", "The text is too long (1000 characters at most).", MaxTextLength);
        }
        if (input.SampledOn < submittedOn || input.SampledOn > today)
        {
            return Error("SampledOn", "The sample's date must be between the request's day and today.");
        }
        return null;
    }

    private static Refusal Error(string code, string message, params object[] arguments) => new($"HistologyError.{code}", message, arguments);
}
