using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Answers;
using TeleDerm.Core.Audit;
using TeleDerm.Core.Cases;
using TeleDerm.Core.Data;
using TeleDerm.Dicom;
using TeleDerm.Web.Accounts;
using TeleDerm.Web.Features.Intake;
using TeleDerm.Web.Hosting;
using TeleDerm.Core.Intake;
using SampleManifest = TeleDerm.SampleImages.SampleManifest;
using SampleLesion = TeleDerm.SampleImages.SampleLesion;
using SampleImage = TeleDerm.SampleImages.SampleImage;

namespace TeleDerm.Web.Features.Demo;

/// <summary>
/// A believable department for demonstrations, created once on an empty database when the demo setting is on
/// (the run command turns it on; it is off by default): three dermatologists, three GPs in two practices, and
/// for every lesion of samples/manifest.json a patient whose lesion was seen at two or three visits months
/// apart. Earlier visits are closed cases with answers; the latest visit is a case in one of every status,
/// with questions, replies and answers on the way. Photos are the synthetic sample images, stored as DICOM
/// like any upload; they are left pending so that the bundled model scores them once the app runs.
/// Deterministic apart from the ids and the time it runs.
/// </summary>
public sealed class DemoDepartment(
    IDbContextFactory<TeleDermDbContext> dbFactory,
    UserManager<TeleDermUser> users,
    CasePhotoStore photos,
    IAuditTrail audit,
    IOptions<TeleDermOptions> options,
    IOptions<ServiceLevels> serviceLevels,
    IOptions<TeleDerm.Core.FollowUps.FollowUpOptions> followUps,
    TimeProvider clock,
    ILogger<DemoDepartment> logger)
{
    private static readonly CaseStatus[] LatestStatuses =
    [
        CaseStatus.Submitted, CaseStatus.Submitted, CaseStatus.Claimed, CaseStatus.InReview, CaseStatus.WaitingForGp,
        CaseStatus.Answered, CaseStatus.Submitted, CaseStatus.Closed, CaseStatus.ConvertedToAppointment, CaseStatus.Cancelled,
    ];

    private static readonly Dictionary<string, string> BodySiteCodes = new()
    {
        ["back"] = "77568009", ["chest"] = "51185008", ["arm"] = "40983000", ["shoulder"] = "40983000", ["leg"] = "30021000",
        ["face"] = "89545001", ["abdomen"] = "302553009", ["scalp"] = "41695006", ["hand"] = "85562004", ["foot"] = "56459004",
    };

    public async Task SeedAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.Set<TeleExpertiseCase>().AnyAsync(cancellationToken))
        {
            return;
        }
        var folder = options.Value.Demo.SamplesDirectory ?? Path.Combine(AppContext.BaseDirectory, "samples");
        var manifest = SampleManifest.Load(folder);
        var department = await db.Departments.SingleAsync(d => d.Name == DemoAccounts.DepartmentName, cancellationToken);
        var practice = await db.Practices.SingleAsync(p => p.Name == DemoAccounts.PracticeName, cancellationToken);
        var otherPractice = new Practice { Id = Guid.NewGuid(), Name = "Cabinet médical du Parc" };
        db.Practices.Add(otherPractice);
        await db.SaveChangesAsync(cancellationToken);

        string[] dermatologists =
        [
            (await users.FindByEmailAsync("dermatologist@demo.teleDerm.local"))!.Id,
            await ColleagueAsync("lea.moreau@demo.teleDerm.local", "Dr Léa Moreau", Roles.Dermatologist, department.Id, null),
            await ColleagueAsync("karim.haddad@demo.teleDerm.local", "Dr Karim Haddad", Roles.Dermatologist, department.Id, null),
        ];
        (string Id, Guid Practice)[] gps =
        [
            ((await users.FindByEmailAsync("gp@demo.teleDerm.local"))!.Id, practice.Id),
            (await ColleagueAsync("paul.roche@demo.teleDerm.local", "Dr Paul Roche", Roles.GP, null, practice.Id), practice.Id),
            (await ColleagueAsync("nadia.benali@demo.teleDerm.local", "Dr Nadia Benali", Roles.GP, null, otherPractice.Id), otherPractice.Id),
        ];

        var random = new Random(unchecked((int)manifest.Seed));
        var now = clock.GetUtcNow().UtcDateTime;
        Patient? patient = null;
        var gp = gps[0];
        var cases = 0;
        for (var i = 0; i < manifest.Lesions.Count; i++)
        {
            var sample = manifest.Lesions[i];
            // Every fifth patient has two lesions followed, both sent by the same GP (a patient record is its practice's).
            if (patient is null || i % 5 != 4)
            {
                gp = gps[i % gps.Length];
                patient = DemoPeople.Patient(i, random, now.AddMonths(-14));
                patient.PracticeId = gp.Practice;
                db.Add(patient);
            }
            var lesion = new Lesion
            {
                Id = Guid.NewGuid(), PatientId = patient.Id, BodySiteCode = BodySiteCodes.GetValueOrDefault(sample.BodySite, "39937001"),
                Laterality = sample.BodySite is "arm" or "leg" or "hand" or "foot" or "shoulder" ? (random.Next(2) == 0 ? Laterality.Left : Laterality.Right) : Laterality.NotApplicable,
                Description = sample.Suspicious ? "Pigmented lesion, irregular, several colours" : "Regular brown naevus",
                TrackingUid = DicomUid.Generate().Value, CreatedAtUtc = now.AddMonths(-14),
            };
            db.Add(lesion);
            var dermatologist = dermatologists[i % dermatologists.Length];
            foreach (var visit in sample.Visits.OrderBy(v => v.Visit))
            {
                var latest = visit.MonthsBeforeLatest == 0;
                var submittedAt = latest
                    ? now.AddHours(-(2 + random.Next(160)))
                    : now.AddDays(-30.4 * visit.MonthsBeforeLatest - random.Next(10));
                var status = latest ? LatestStatuses[i % LatestStatuses.Length] : CaseStatus.Closed;
                var @case = NewCase(patient, lesion, sample, gp.Id, gp.Practice, department.Id, submittedAt, random);
                db.Add(@case);
                var (study, series) = (DicomUid.Generate().Value, DicomUid.Generate().Value);
                foreach (var (image, n) in visit.Images.Select((image, n) => (image, n)))
                {
                    var target = new PhotoTarget(patient, @case.Id, @case.Reference, lesion, study, series, 1, n + 1, new DateTimeOffset(submittedAt.AddMinutes(-10), TimeSpan.Zero));
                    db.Add(await StoreImageAsync(folder, image, target, cancellationToken));
                }
                Advance(db, @case, status, dermatologist, sample, submittedAt, now, random);
                cases++;
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(new AuditEvent(AuditActions.DemoSeeded, AuditOutcome.Success, Details: $"{cases} cases from {folder} ({manifest.Generator}, seed {manifest.Seed})"), cancellationToken);
        logger.LogInformation("Demo department created: {Cases} cases of {Lesions} lesions.", cases, manifest.Lesions.Count);
    }

    private TeleExpertiseCase NewCase(Patient patient, Lesion lesion, SampleLesion sample, string gp, Guid practice, Guid department, DateTime submittedAt, Random random)
    {
        var urgency = sample.Suspicious ? (random.Next(3) == 0 ? Urgency.Urgent : Urgency.Soon) : Urgency.Routine;
        var @case = new TeleExpertiseCase
        {
            Id = Guid.NewGuid(),
            Reference = "TD-" + RandomNumberGenerator.GetString("23456789ABCDEFGHJKLMNPQRSTUVWXYZ", 6),
            PatientId = patient.Id, SubmittedByUserId = gp, PracticeId = practice, DepartmentId = department,
            Reason = sample.Suspicious ? "Pigmented lesion that has changed: opinion on its nature and on the need to remove it." : "Naevus followed at the patient's request; any sign of concern?",
            Questionnaire = new Questionnaire
            {
                DurationMonths = 6 + random.Next(60),
                Evolution = sample.Suspicious ? Evolution.ChangingColourOrShape : Evolution.Stable,
                Itch = sample.Suspicious && random.Next(2) == 0,
                Bleeding = sample.Suspicious && random.Next(4) == 0,
                PersonalHistoryOfSkinCancer = random.Next(6) == 0,
                FamilyHistoryOfMelanoma = random.Next(8) == 0,
                FitzpatrickPhototype = sample.Fitzpatrick,
                Immunosuppressed = false,
            },
            Urgency = urgency,
            UrgencyReason = urgency == Urgency.Routine ? null : "Recent change reported by the patient.",
            PatientConsent = true,
            Status = CaseStatus.Draft,
            CreatedAtUtc = submittedAt.AddMinutes(-15),
            LastActivityAtUtc = submittedAt,
            Version = Guid.NewGuid(),
        };
        @case.Lesions.Add(new CaseLesion { CaseId = @case.Id, LesionId = lesion.Id });
        return @case;
    }

    /// <summary>Takes the case through the lifecycle to <paramref name="target"/>, each step a little after the previous one and never after now.</summary>
    private void Advance(TeleDermDbContext db, TeleExpertiseCase @case, CaseStatus target, string dermatologist, SampleLesion sample, DateTime submittedAt, DateTime now, Random random)
    {
        // The whole path takes between six hours and four days (older cases), or what time there has been since.
        var span = Math.Max(1, Math.Min((now - submittedAt).TotalMinutes, 60 * (6 + random.Next(90))));
        var at = submittedAt;
        DateTime Next(double share) => at = at.AddMinutes(Math.Min(span * share, (now - at).TotalMinutes * 0.9));
        void Message(string author, MessageKind kind, string body) =>
            @case.Messages.Add(new CaseMessage { Id = Guid.NewGuid(), CaseId = @case.Id, AuthorUserId = author, Kind = kind, Body = body, AtUtc = at });

        CaseLifecycle.Apply(@case, CaseAction.Submit, @case.SubmittedByUserId, at);
        TriagePriority.Update(@case, serviceLevels.Value);
        switch (target)
        {
            case CaseStatus.Submitted:
                return;
            case CaseStatus.Cancelled:
                CaseLifecycle.Apply(@case, CaseAction.Cancel, @case.SubmittedByUserId, Next(0.2), "Seen by the dermatologist in person meanwhile.");
                return;
        }
        CaseLifecycle.Apply(@case, CaseAction.Claim, dermatologist, Next(0.15));
        if (target == CaseStatus.Claimed)
        {
            return;
        }
        if (target == CaseStatus.ConvertedToAppointment)
        {
            CaseLifecycle.Apply(@case, CaseAction.ConvertToAppointment, dermatologist, Next(0.2), "Needs a full skin examination in clinic.");
            return;
        }
        CaseLifecycle.Apply(@case, CaseAction.StartReview, dermatologist, Next(0.05));
        // A third of the answered cases needed a question first (image or information quality).
        var asks = target == CaseStatus.WaitingForGp || (target is CaseStatus.Answered or CaseStatus.Closed && random.Next(3) == 0);
        if (asks)
        {
            CaseLifecycle.Apply(@case, CaseAction.AskGp, dermatologist, Next(0.1));
            Message(dermatologist, MessageKind.Question, "Could you send a dermoscopic photo with the ruler in the field, and say whether the lesion has bled?");
            if (target == CaseStatus.WaitingForGp)
            {
                return;
            }
            CaseLifecycle.Apply(@case, CaseAction.GpReplied, @case.SubmittedByUserId, Next(0.2));
            Message(@case.SubmittedByUserId, MessageKind.Reply, "No bleeding according to the patient; the photo from today's visit is attached.");
        }
        if (target == CaseStatus.InReview)
        {
            return;
        }
        CaseLifecycle.Apply(@case, CaseAction.Answer, dermatologist, Next(0.2));
        var answer = Answer(@case, dermatologist, sample, at, random);
        db.Add(answer);
        CaseOutcomes.Record(@case, answer);
        // What the answer asks of the GP, as a signed answer does: the demo GP's list has follow-ups and tasks.
        if (TeleDerm.Core.FollowUps.GpTasks.For(@case, answer, followUps.Value) is { } task)
        {
            db.Add(task);
        }
        if (target == CaseStatus.Closed)
        {
            CaseLifecycle.Apply(@case, CaseAction.Close, @case.SubmittedByUserId, Next(0.3));
        }
    }

    private static CaseAnswer Answer(TeleExpertiseCase @case, string dermatologist, SampleLesion sample, DateTime at, Random random)
    {
        var (code, text, management, months) = sample.Suspicious
            ? random.Next(3) switch
            {
                0 => ("D48.5", "Melanocytic lesion of uncertain behaviour", Management.ExcisionOrBiopsy, (int?)null),
                1 => ("C43.5", "Suspected melanoma of the trunk", Management.UrgentInPersonVisit, null),
                _ => ("D22.5", "Atypical (dysplastic) naevus", Management.PhotoFollowUp, 3),
            }
            : random.Next(3) switch
            {
                0 => ("L82", "Seborrhoeic keratosis", Management.Reassure, (int?)null),
                _ => ("D22.5", "Benign melanocytic naevus", Management.PhotoFollowUp, 12),
            };
        return new CaseAnswer
        {
            Id = Guid.NewGuid(), CaseId = @case.Id, DermatologistUserId = dermatologist, DiagnosisCode = code, DiagnosisText = text,
            Confidence = sample.Suspicious ? DiagnosticConfidence.Moderate : DiagnosticConfidence.High, Management = management, FollowUpMonths = months,
            MessageToGp = management switch
            {
                Management.ExcisionOrBiopsy => "Excision with 2 mm margins for histology is advised; we can see the patient in the surgical clinic.",
                Management.UrgentInPersonVisit => "Please refer the patient to our clinic within two weeks; we have reserved a slot.",
                Management.PhotoFollowUp => $"No sign of malignancy today; please send new photos in {months} months with the same framing.",
                _ => "Benign lesion; no follow-up needed.",
            },
            PatientAdvice = "Protect your skin from the sun and watch for any change in size, shape or colour.",
            AnsweredAtUtc = at,
        };
    }

    private async Task<LesionImage> StoreImageAsync(string folder, SampleImage sample, PhotoTarget target, CancellationToken cancellationToken)
    {
        var bytes = await File.ReadAllBytesAsync(Path.Combine(folder, sample.File), cancellationToken);
        var photo = new PhotoInput(sample.File, sample.Kind == "clinical" ? ImageKind.Clinical : ImageKind.Dermoscopic, bytes);
        var errors = new List<IntakeError>();
        var checkedPhoto = await photos.CheckAsync([photo], PhotoOwner.Of(target.Patient), reidentify: false, errors, cancellationToken);
        if (errors.Count > 0)
        {
            throw new InvalidOperationException($"Demo sample {sample.File}: {errors[0].Message}");
        }
        return await photos.StoreAsync(photo, checkedPhoto, target, reidentify: false, cancellationToken);
    }

    /// <summary>A colleague who appears in the history (their password is random and never shown).</summary>
    private async Task<string> ColleagueAsync(string email, string name, string role, Guid? department, Guid? practice)
    {
        var user = new TeleDermUser
        {
            UserName = email, Email = email, EmailConfirmed = true, DisplayName = name, CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
            DepartmentId = department, PracticeId = practice,
        };
        var created = await users.CreateAsync(user, RandomNumberGenerator.GetString("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 20) + "-9z");
        if (!created.Succeeded || !(await users.AddToRoleAsync(user, role)).Succeeded)
        {
            throw new InvalidOperationException($"Creating the demo colleague {email} failed: {string.Join("; ", created.Errors.Select(e => e.Description))}");
        }
        return user.Id;
    }
}
