using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Audit;
using TeleDerm.Core.Cases;
using TeleDerm.Core.Data;
using TeleDerm.Core.Events;
using TeleDerm.Core.FollowUps;
using TeleDerm.Core.Observability;
using TeleDerm.Core.Scoring;

namespace TeleDerm.Core.Intake;

/// <summary>
/// Turns a GP's request into a submitted case: the one entry point of the New request page, the intake API and any
/// other way in, which only translate what they receive into an <see cref="IntakeRequest"/>. Order matters so that nothing is half-saved: every field
/// and every photo is checked first (all problems reported at once); then photos become DICOM instances
/// in the store; then patient, case, lesions and images are saved in one database transaction. A photo
/// stored before a failed save is unreferenced and harmless; a case never points at a missing photo.
/// </summary>
public sealed class IntakeService(
    IDbContextFactory<TeleDermDbContext> dbFactory,
    IIntakePhotoStore photos,
    IAuditTrail audit,
    ICaseEventPublisher events,
    ScoringWorker scoring,
    TimeProvider clock,
    IOptions<ServiceLevels> serviceLevels,
    IOptions<IntakeOptions> options,
    UncommittedPhotos uncommitted,
    TeleDermTelemetry? telemetry = null)
{
    /// <param name="gp">The GP sending it, who must belong to a practice: its patients are the only ones matched.</param>
    /// <param name="departmentId">The department the request goes to.</param>
    /// <param name="submission">The intake API's Idempotency-Key, claimed by the caller: linked to the case in the case's own transaction,
    /// so that a retry finds either no case or this one, never a second.</param>
    public async Task<IntakeResult> SubmitAsync(IntakeRequest request, Actor gp, Guid departmentId, CancellationToken cancellationToken = default,
        SubmissionKey? submission = null)
    {
        if (!gp.IsInRole(Roles.GP) || gp.PracticeId is not { } practiceId)
        {
            throw new InvalidOperationException("Only a GP of a practice submits a request.");
        }
        var errors = Validate(request);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var (patient, match) = await FindPatientAsync(db, request, practiceId, errors, cancellationToken);
        var newPatientId = Guid.NewGuid();
        var owner = patient is not null ? PhotoOwner.Of(patient) : PhotoOwner.Of(newPatientId, request.Patient);
        var prepared = await photos.CheckAsync([.. request.Lesions.SelectMany(l => l.Photos)], owner, request.ReidentifyDicomFiles, errors, cancellationToken);
        if (match is not null && errors.Count == 0)
        {
            return new IntakeResult(null, null, [], match);
        }
        var existingLesions = await CheckExistingLesionsAsync(db, request, patient, errors, cancellationToken);
        if (errors.Count > 0)
        {
            return IntakeResult.Invalid(errors);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        patient ??= NewPatient(request.Patient, practiceId, now, newPatientId);
        var @case = new TeleExpertiseCase
        {
            Id = Guid.NewGuid(),
            Reference = NewReference(),
            PatientId = patient.Id,
            SubmittedByUserId = gp.UserId,
            PracticeId = practiceId,
            DepartmentId = departmentId,
            Reason = request.Reason.Trim(),
            Questionnaire = request.Questionnaire,
            Urgency = request.Urgency,
            UrgencyReason = string.IsNullOrWhiteSpace(request.UrgencyReason) ? null : request.UrgencyReason.Trim(),
            PatientConsent = request.PatientConsent,
            Status = CaseStatus.Draft,
            CreatedAtUtc = now,
            LastActivityAtUtc = now,
            Version = Guid.NewGuid(),
        };
        var study = photos.NewUid();
        var images = new List<LesionImage>();
        var lesions = new List<Lesion>();
        var instanceNumber = 0;
        foreach (var (input, lesionIndex) in request.Lesions.Select((l, i) => (l, i)))
        {
            var lesion = input.ExistingLesionId is { } id ? existingLesions[id] : new Lesion
            {
                Id = Guid.NewGuid(), PatientId = patient.Id, BodySiteCode = input.BodySiteCode, Laterality = input.Laterality,
                Description = string.IsNullOrWhiteSpace(input.Description) ? null : input.Description.Trim(),
                TrackingUid = photos.NewUid(), CreatedAtUtc = now,
            };
            if (input.ExistingLesionId is null)
            {
                lesions.Add(lesion);
            }
            @case.Lesions.Add(new CaseLesion { CaseId = @case.Id, LesionId = lesion.Id });
            var series = photos.NewUid();
            foreach (var photo in input.Photos)
            {
                var target = new PhotoTarget(patient, @case.Id, @case.Reference, lesion, study, series, lesionIndex + 1, ++instanceNumber);
                try
                {
                    var image = await photos.StoreAsync(photo, prepared, target, request.ReidentifyDicomFiles, cancellationToken);
                    await uncommitted.RememberAsync(@case.Id, image.SopInstanceUid, cancellationToken);
                    images.Add(image);
                }
                catch (PhotoNotStoredException notStored)
                {
                    // No case is saved; the instances stored so far are removed later as uncommitted photos.
                    return IntakeResult.Invalid([notStored.ToIntakeError()]);
                }
            }
        }
        CaseLifecycle.Apply(@case, CaseAction.Submit, gp.UserId, now);
        TriagePriority.Update(@case, serviceLevels.Value);

        await using (var transaction = await audit.BeginTransactionAsync(db, cancellationToken))
        {
            var patientIsNew = db.Entry(patient).State == EntityState.Detached;
            if (patientIsNew)
            {
                db.Add(patient);
            }
            db.AddRange(lesions);
            db.Add(@case);
            db.AddRange(images);
            await GpTasks.CompleteFollowUpsAsync(db, existingLesions.Keys, @case.Id, now, cancellationToken);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException) when (patientIsNew)
            {
                // Another request may have registered this patient between our look-up and now (practice software sending
                // two requests for a new patient at once): nothing is saved; sent again, this request finds the patient.
                if (!await RegisteredMeanwhileAsync(patient, cancellationToken))
                {
                    throw;
                }
                return IntakeResult.Invalid([new IntakeError("patient", "This patient was registered by another request a moment ago; send the request again.",
                    PatientRegisteredMeanwhile)]);
            }
            await UncommittedPhotos.ForgetAsync(db, @case.Id, cancellationToken);
            if (submission is { } key)
            {
                await db.Set<IdempotentSubmission>().Where(s => s.PracticeId == key.PracticeId && s.Key == key.Key)
                    .ExecuteUpdateAsync(set => set.SetProperty(s => s.CaseId, @case.Id), cancellationToken);
            }
            // In the same transaction: a database lost between the two would otherwise leave a case nobody is seen creating.
            await transaction.AppendAsync(new AuditEvent(AuditActions.CaseCreated, AuditOutcome.Success, gp.UserId, gp.UserName, "case", @case.Id.ToString(),
                patient.Id.ToString(), gp.IpAddress, $"{@case.Reference}: {request.Lesions.Count} lesion(s), {images.Count} photo(s)"), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        telemetry?.CasesSubmitted.Add(1);
        events.Publish(new CaseEvent(@case.Id, @case.DepartmentId, @case.SubmittedByUserId, CaseEventKind.Created, now));
        scoring.Wake();
        return new IntakeResult(@case.Id, @case.Reference, []);
    }

    /// <summary>The error code of a request that raced another one registering the same new patient: sending it again succeeds.</summary>
    public const string PatientRegisteredMeanwhile = "PatientRegisteredMeanwhile";

    private async Task<bool> RegisteredMeanwhileAsync(Patient patient, CancellationToken cancellationToken)
    {
        if (patient.NationalHealthId is null)
        {
            return false;
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Set<Patient>().AnyAsync(p => p.PracticeId == patient.PracticeId && p.NationalHealthId == patient.NationalHealthId && p.Id != patient.Id,
            cancellationToken);
    }

    private List<IntakeError> Validate(IntakeRequest request)
    {
        var errors = new List<IntakeError>();
        void Require(bool ok, string field, string code, string message, params object[] arguments)
        {
            if (!ok)
            {
                errors.Add(new(field, message, code, arguments));
            }
        }
        var p = request.Patient;
        Require(!string.IsNullOrWhiteSpace(p.FamilyName), "patient.familyName", "FamilyName", "Enter the patient's family name.");
        Require(!string.IsNullOrWhiteSpace(p.GivenName), "patient.givenName", "GivenName", "Enter the patient's given name.");
        Require(p.BirthDate is { } b && b <= DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime) && b.Year >= 1900, "patient.birthDate", "BirthDate", "Enter the patient's birth date (not in the future).");
        Require(p.NationalHealthId is null || p.NationalHealthId.Trim().Length is >= 5 and <= 32, "patient.nationalHealthId", "NationalHealthId", "The national health identifier has 5 to 32 characters.");
        Require(!string.IsNullOrWhiteSpace(request.Reason), "reason", "Reason", "Say why you ask for an opinion.");
        Require(request.Reason.Length <= 2000, "reason", "ReasonTooLong", "The reason has at most 2000 characters.");
        Require(request.PatientConsent, "consent", "Consent", "The patient's consent to tele-expertise is required.");
        Require(request.Urgency == Urgency.Routine || !string.IsNullOrWhiteSpace(request.UrgencyReason), "urgencyReason", "UrgencyReason", "Say why this request is urgent or soon.");
        Require(request.Questionnaire.FitzpatrickPhototype is null or (>= 1 and <= 6), "questionnaire.phototype", "Phototype", "The phototype is I to VI.");
        Require(request.Lesions.Count > 0, "lesions", "NoLesion", "Add at least one lesion.");
        foreach (var (lesion, i) in request.Lesions.Select((l, i) => (l, i)))
        {
            Require(lesion.ExistingLesionId is not null || BodySites.Codes.Contains(lesion.BodySiteCode), $"lesions[{i}].bodySite", "BodySite", "Choose the body site of the lesion.");
            Require(lesion.Photos.Count > 0, $"lesions[{i}].photos", "NoPhoto", "Add at least one photo of each lesion.");
        }
        var photos = request.Lesions.Sum(l => l.Photos.Count);
        Require(photos <= options.Value.MaxPhotos, "photos", "TooManyPhotos", $"At most {options.Value.MaxPhotos} photos per request ({photos} given).", options.Value.MaxPhotos, photos);
        return errors;
    }

    /// <summary>
    /// The same person is found by national identifier, or by names and birth date; the latter only
    /// once the GP confirms (two people can share a name and a birthday). Only the GP's own practice's
    /// records are searched: a person known to another practice is a new record here, so no answer tells
    /// a GP whether someone is another practice's patient.
    /// </summary>
    private static async Task<(Patient? Patient, PatientMatch? NeedsConfirmation)> FindPatientAsync(TeleDermDbContext db, IntakeRequest request, Guid practiceId,
        List<IntakeError> errors, CancellationToken cancellationToken)
    {
        var p = request.Patient;
        if (!string.IsNullOrWhiteSpace(p.NationalHealthId))
        {
            var nhi = p.NationalHealthId.Trim();
            var byId = await db.Set<Patient>().SingleOrDefaultAsync(x => x.PracticeId == practiceId && x.NationalHealthId == nhi, cancellationToken);
            if (byId is not null && p.BirthDate is { } birth && byId.BirthDate != birth)
            {
                errors.Add(new("patient.nationalHealthId", "This identifier belongs to a patient with another birth date: check both.", "NationalHealthIdOtherBirthDate"));
            }
            if (byId is not null)
            {
                return (byId, null);
            }
        }
        if (p.BirthDate is not { } birthDate || string.IsNullOrWhiteSpace(p.FamilyName) || string.IsNullOrWhiteSpace(p.GivenName))
        {
            return (null, null);
        }
        var family = p.FamilyName.Trim();
        var given = p.GivenName.Trim();
        var candidates = await db.Set<Patient>().Where(x => x.PracticeId == practiceId && x.FamilyName == family && x.BirthDate == birthDate).ToListAsync(cancellationToken);
        var same = candidates.FirstOrDefault(x => string.Equals(x.GivenName, given, StringComparison.OrdinalIgnoreCase));
        if (same is null)
        {
            return (null, null);
        }
        // Found by name only although the identifier matches: another request registered this patient between our two
        // lookups (read committed). Same identifier, names and birth date: the same person, nothing to confirm.
        var sameIdentifier = !string.IsNullOrWhiteSpace(p.NationalHealthId) && same.NationalHealthId == p.NationalHealthId.Trim();
        return request.SamePatientConfirmed || sameIdentifier
            ? (same, null)
            : (null, new PatientMatch(same.Id, $"{same.FamilyName.ToUpperInvariant()} {same.GivenName}", same.BirthDate));
    }

    private static async Task<Dictionary<Guid, Lesion>> CheckExistingLesionsAsync(TeleDermDbContext db, IntakeRequest request, Patient? patient, List<IntakeError> errors, CancellationToken cancellationToken)
    {
        var ids = request.Lesions.Select(l => l.ExistingLesionId).OfType<Guid>().ToList();
        if (ids.Count == 0)
        {
            return [];
        }
        var found = await db.Set<Lesion>().Where(l => ids.Contains(l.Id)).ToDictionaryAsync(l => l.Id, cancellationToken);
        if (patient is null || found.Count != ids.Count || found.Values.Any(l => l.PatientId != patient.Id))
        {
            errors.Add(new("lesions", "A follow-up photo can only be linked to an existing lesion of this same patient.", "FollowUpOtherPatient"));
        }
        return found;
    }

    private static Patient NewPatient(PatientInput p, Guid practiceId, DateTime now, Guid id) => new()
    {
        Id = id,
        PracticeId = practiceId,
        FamilyName = p.FamilyName.Trim(),
        GivenName = p.GivenName.Trim(),
        BirthDate = p.BirthDate!.Value,
        Sex = p.Sex,
        NationalHealthId = string.IsNullOrWhiteSpace(p.NationalHealthId) ? null : p.NationalHealthId.Trim(),
        Phone = p.Phone,
        Email = p.Email,
        CreatedAtUtc = now,
    };

    /// <summary>"TD-" and six characters without look-alikes (no 0/O, 1/I): easy to read out on the phone.</summary>
    private static string NewReference() => "TD-" + RandomNumberGenerator.GetString("23456789ABCDEFGHJKLMNPQRSTUVWXYZ", 6);
}

