using System.Globalization;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Answers;
using TeleDerm.Core.Cases;
using TeleDerm.Core.Data;
using TeleDerm.Core.Reports;
using TeleDerm.Core.Viewer;
using TeleDerm.Dicom;
using TeleDerm.Dicom.Documents;
using TeleDerm.Dicom.Stores;
using TeleDerm.Reports.Composition;
using TeleDerm.Reports.Content;
using TeleDerm.Reports.Signing;
using TeleDerm.Web.Features.Cases;
using TeleDerm.Web.Features.Scoring;
using TeleDerm.Web.Hosting;
using TeleDerm.Web.Localization;

namespace TeleDerm.Web.Features.Reports;

/// <summary>
/// Fills a <see cref="ReportContent"/> from the case (patient, people, lesions with their current and prior
/// images from the DICOM store, risk scores with their model's intended use, the answer), in the GP's
/// language, composes it and signs it with the dermatologist's certificate.
/// Measurements are the viewer's (<see cref="AnnotationQueries"/>): only calibrated lengths and areas, in
/// millimetres; a length in pixels means nothing on paper. Photos are embedded at print resolution (the full
/// images stay a click away in TeleDerm). The model's score is included only when the department chose so.
/// </summary>
public sealed class CaseReportSigner(
    IDbContextFactory<TeleDermDbContext> dbFactory,
    IDicomStore store,
    SigningCredentials credentials,
    ActiveRiskModel riskModel,
    IStringLocalizer<Texts> text,
    IOptions<ReportOptions> options,
    AnnotationQueries annotations,
    ClinicalTime time,
    ILogger<CaseReportSigner> logger) : IReportSigner
{
    public async Task<SignedReportFile> SignAsync(TeleExpertiseCase @case, CaseAnswer answer, string reportNumber, DateTime signingTimeUtc,
        SignedReport? addendumOf, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var gp = await db.Users.AsNoTracking().SingleAsync(u => u.Id == @case.SubmittedByUserId, cancellationToken);
        var dermatologist = await db.Users.AsNoTracking().SingleAsync(u => u.Id == answer.DermatologistUserId, cancellationToken);
        SigningIdentity identity;
        try
        {
            identity = await credentials.IdentityForAsync(dermatologist, cancellationToken);
        }
        catch (CryptographicException e)
        {
            logger.LogError(e, "The signing key of {User} could not be read.", dermatologist.Id);
            throw new ReportSigningException("KeyUnreadable", "Your signing key could not be read; ask an administrator.");
        }
        var language = ReportLanguages.FromCulture(gp.PreferredCulture);
        var content = await ContentAsync(db, @case, answer, gp, dermatologist, reportNumber, language, cancellationToken) with
        {
            Signature = new ReportSignatureBlock(dermatologist.DisplayName, identity.Certificate.Subject, identity.Certificate.Issuer, signingTimeUtc),
            AddendumTo = addendumOf is null ? null : new ReportAddendum(addendumOf.ReportNumber, addendumOf.Sha256, addendumOf.SignedAtUtc),
        };
        using var document = ReportComposer.Compose(content);
        var title = language == ReportLanguage.French ? "Compte rendu de télé-expertise" : "Tele-expertise report";
        var pdf = PadesSigner.Sign(document, identity, signingTimeUtc, title);
        var sopInstanceUid = await StoreInStudyAsync(db, @case, pdf, $"{title} {reportNumber}", signingTimeUtc, cancellationToken);
        return new SignedReportFile(pdf, identity.Certificate.GetCertHashString(HashAlgorithmName.SHA256),
            language == ReportLanguage.French ? "fr" : "en", sopInstanceUid);
    }

    /// <summary>
    /// The signed PDF as an Encapsulated PDF instance in the study of the case's images (a new study when the
    /// case has none), stored before the report row: if the transaction then fails, the instance is an orphan
    /// in the store, never a report row without its instance.
    /// </summary>
    private async Task<string> StoreInStudyAsync(TeleDermDbContext db, TeleExpertiseCase @case, byte[] pdf, string title, DateTime signingTimeUtc, CancellationToken cancellationToken)
    {
        var patient = @case.Patient ?? await db.Set<Patient>().AsNoTracking().SingleAsync(p => p.Id == @case.PatientId, cancellationToken);
        var study = await db.Set<LesionImage>().AsNoTracking().Where(i => i.CaseId == @case.Id).Select(i => i.StudyInstanceUid).FirstOrDefaultAsync(cancellationToken);
        var identity = Images.DicomPatientIdentity.Of(patient);
        var file = EncapsulatedPdfBuilder.Build(pdf, new EncapsulatedPdfRequest
        {
            PatientId = identity.PatientId,
            PatientName = identity.Name,
            PatientBirthDate = patient.BirthDate,
            PatientSex = identity.Sex,
            StudyInstanceUid = study is { Length: > 0 } ? new DicomUid(study) : DicomUid.Generate(),
            AccessionNumber = @case.Reference,
            StudyDateTime = @case.SubmittedAtUtc ?? @case.CreatedAtUtc,
            ContentDateTime = signingTimeUtc,
            DocumentTitle = title,
        });
        var stored = await store.StoreAsync(file.ToBytes(), cancellationToken);
        return stored.Key.SopInstanceUid;
    }

    private async Task<ReportContent> ContentAsync(TeleDermDbContext db, TeleExpertiseCase @case, CaseAnswer answer, TeleDermUser gp,
        TeleDermUser dermatologist, string reportNumber, ReportLanguage language, CancellationToken cancellationToken)
    {
        var patient = @case.Patient ?? await db.Set<Patient>().AsNoTracking().SingleAsync(p => p.Id == @case.PatientId, cancellationToken);
        var department = await db.Departments.AsNoTracking().SingleAsync(d => d.Id == @case.DepartmentId, cancellationToken);
        var practice = gp.PracticeId is { } practiceId ? await db.Practices.AsNoTracking().SingleOrDefaultAsync(p => p.Id == practiceId, cancellationToken) : null;
        var lesionIds = await db.Set<CaseLesion>().AsNoTracking().Where(l => l.CaseId == @case.Id).Select(l => l.LesionId).ToListAsync(cancellationToken);
        var lesions = await db.Set<Lesion>().AsNoTracking().Where(l => lesionIds.Contains(l.Id)).ToListAsync(cancellationToken);
        var images = await db.Set<LesionImage>().AsNoTracking().Where(i => lesionIds.Contains(i.LesionId))
            .OrderBy(i => i.AcquiredAtUtc).ToListAsync(cancellationToken);
        var messages = await db.Set<CaseMessage>().AsNoTracking().SharedWithGp().Where(m => m.CaseId == @case.Id)
            .OrderBy(m => m.AtUtc).ToListAsync(cancellationToken);
        var authorIds = messages.Select(m => m.AuthorUserId).Distinct().ToList();
        var authors = await db.Users.AsNoTracking().Where(u => authorIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        var intendedUse = department.RiskScoreInReports ? await IntendedUseAsync(cancellationToken) : (null, "");
        // Only calibrated measurements: an uncalibrated length in pixels means nothing on paper.
        var measurements = (await annotations.ForCaseAsync(@case.Id, cancellationToken))
            .Where(m => m.Value is not null && m.Calibrated && m.Kind != AnnotationKind.Calibration).ToList();

        // Words and dates in the GP's language, whatever the dermatologist's interface language is.
        var (previousCulture, previousUiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(language == ReportLanguage.French ? "fr-FR" : "en-GB");
        try
        {
            var orderedLesions = lesions.OrderBy(l => l.CreatedAtUtc).ToList();
            var shown = orderedLesions.ToDictionary(l => l.Id, l => ShownImages(l, images, @case.Id));
            // Each photo is decoded and shrunk on its own thread: with 12 MP photos this is most of the signing time.
            var printed = await Task.WhenAll(shown.Values.SelectMany(s => s.Images).Select(image =>
                Task.Run(async () => (image.Id, Jpeg: await PrintJpegAsync(image, cancellationToken)), cancellationToken)));
            var jpegs = printed.ToDictionary(p => p.Id, p => p.Jpeg);
            var reportLesions = new List<ReportLesion>();
            var number = 1;
            foreach (var lesion in orderedLesions)
            {
                var (current, prior, shownImages) = shown[lesion.Id];
                var reportImages = new List<ReportImage>();
                foreach (var image in shownImages)
                {
                    if (jpegs[image.Id] is { } jpeg)
                        reportImages.Add(new ReportImage(jpeg, image.AcquiredAtUtc, image == prior, text[$"ImageKind.{image.Kind}"]));
                }
                var scored = department.RiskScoreInReports
                    ? current.Where(i => i.Risk is not null).OrderByDescending(i => i.Risk).FirstOrDefault()
                    : null;
                var site = BodySiteLabels.Label(lesion.BodySiteCode, text)
                    + (lesion.Laterality != Laterality.NotApplicable ? $" ({text[$"Laterality.{lesion.Laterality}"]})" : "");
                var imageIds = images.Where(i => i.LesionId == lesion.Id).ToDictionary(i => i.Id);
                var lesionMeasurements = measurements.Where(m => imageIds.ContainsKey(m.LesionImageId))
                    .Select(m => Measurement(m, imageIds[m.LesionImageId])).ToList();
                reportLesions.Add(new ReportLesion(number++, site, reportImages, lesionMeasurements,
                    scored is null ? null : new ReportRisk(scored.Risk!.Value, text[$"Risk.{scored.RiskBand}"], scored.ModelName ?? "", scored.ModelVersion ?? "",
                        scored.ModelName == intendedUse.Name ? intendedUse.Text : "")));
            }
            return new ReportContent
            {
                Header = Letterhead(department),
                Language = language,
                ReportNumber = reportNumber,
                TimeZone = time.Zone,
                Patient = new ReportPatient($"{patient.FamilyName.ToUpperInvariant()} {patient.GivenName}",
                    patient.NationalHealthId, patient.BirthDate, text[$"Sex.{patient.Sex}"]),
                Request = new ReportRequest(@case.Reference, @case.SubmittedAtUtc ?? @case.CreatedAtUtc, @case.Reason)
                {
                    Questionnaire = [.. QuestionnaireSummary.Lines(@case.Questionnaire, text).Select(l => new ReportFact(l.Label, l.Value))],
                },
                GeneralPractitioner = new ReportPerson(gp.DisplayName, gp.RegistrationNumber, practice?.Name),
                Dermatologist = new ReportPerson(dermatologist.DisplayName, dermatologist.RegistrationNumber, department.Name),
                Thread = [.. messages.Select(m => new ReportMessage(authors.GetValueOrDefault(m.AuthorUserId, "—"), text[$"MessageKind.{m.Kind}"], m.AtUtc,
                    // A coded request for new photos says its reason, in the report's language, before its text (which may be empty).
                    m.Retake is { } r ? Cases.RetakeText.Asked(r, text) + (m.Body.Length > 0 ? $"\n{m.Body}" : "") : m.Body))],
                Lesions = reportLesions,
                Conclusion = new ReportConclusion(answer.DiagnosisCode, answer.DiagnosisText, (ReportConfidence)(int)answer.Confidence,
                    (ReportManagement)(int)answer.Management, answer.FollowUpMonths, answer.MessageToGp, answer.PatientAdvice, answer.AnsweredAtUtc),
                Prescription = [.. answer.Prescription.OrderBy(l => l.LineNumber)
                    .Select(l => new ReportPrescriptionLine(l.Medicine, l.Strength, l.Dose, l.Duration, l.Instructions))],
            };
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (previousCulture, previousUiCulture);
        }
    }

    /// <summary>
    /// The photos of a lesion the report shows: this request's, then the prior of its newest photo (the same one the
    /// viewer shows beside it) when there is one.
    /// </summary>
    private static (List<LesionImage> Current, LesionImage? Prior, List<LesionImage> Images) ShownImages(Lesion lesion, List<LesionImage> images, Guid caseId)
    {
        var current = images.Where(i => i.LesionId == lesion.Id && i.CaseId == caseId).ToList();
        var newest = current.OrderByDescending(i => i.AcquiredAtUtc).FirstOrDefault();
        var prior = newest is null ? null : LesionPriors.PriorOf(newest, images);
        return (current, prior, prior is null ? current : [.. current.Where(i => i.Id != prior.Id), prior]);
    }

    /// <summary>
    /// Photos are printed at most 4 cm × 6 cm, two to a row: 900 pixels on the long side is about 380 dpi there,
    /// sharper than any office printer, and keeps a report of four 12 MP photos under 1 MB.
    /// </summary>
    private static readonly TeleDerm.Imaging.ImageSize PrintBox = new(900, 900);

    /// <summary>The image as a JPEG at print resolution (see <see cref="PrintBox"/>); null when missing from the store.</summary>
    private async Task<byte[]?> PrintJpegAsync(LesionImage image, CancellationToken cancellationToken)
    {
        var key = Images.StoredFrames.Key(image);
        var frame = await store.RetrieveFrameAsync(key, 1, cancellationToken);
        if (frame is null)
        {
            logger.LogWarning("Image {Sop} is not in the DICOM store; the report shows the lesion without it.", image.SopInstanceUid);
            return null;
        }
        if (Images.StoredFrames.IsJpeg(frame))
            return TeleDerm.Imaging.Thumbnails.CreateJpeg(frame, PrintBox, quality: 82);
        if (await Images.StoredFrames.HeaderAsync(store, key, cancellationToken) is not { } header || Images.StoredFrames.NativeRgb(header, frame) is not { } rgb)
            return null;
        return TeleDerm.Imaging.Codecs.JpegEncoder.Encode(TeleDerm.Imaging.Resizing.ImageResizer.ResizeToFit(rgb, PrintBox), quality: 82);
    }

    private async Task<(string? Name, string Text)> IntendedUseAsync(CancellationToken cancellationToken)
    {
        try
        {
            var card = (await riskModel.ScorerAsync(cancellationToken)).Card;
            return (card.Name, card.IntendedUse);
        }
        catch (Exception e) when (e is InvalidOperationException or IOException)
        {
            return (null, "");
        }
    }

    /// <summary>The department's letterhead as its administrator set it; what it leaves empty comes from the settings (TeleDerm:Reports).</summary>
    private ReportHeader Letterhead(Department department)
    {
        var address = LetterheadRules.AddressLines(department.LetterheadAddress);
        var logo = department.LetterheadLogoJpeg
            ?? (options.Value.LogoPath is { Length: > 0 } path && File.Exists(path) ? File.ReadAllBytes(path) : null);
        return new ReportHeader(department.LetterheadName ?? options.Value.InstitutionName,
            [department.Name, .. address.Count > 0 ? address : options.Value.AddressLines], logo);
    }

    /// <summary>"Ruler — widest diameter (12 Nov 2026)" · "8.1 mm"; read in the GP's language. Calibrated measurements only.</summary>
    private ReportMeasurement Measurement(CaseMeasurement measurement, LesionImage image)
    {
        var label = text[$"Viewer.Kind.{measurement.Kind}"] + (string.IsNullOrWhiteSpace(measurement.Label) ? "" : $" — {measurement.Label}")
            + $" ({time.FormatDate(image.AcquiredAtUtc)})";
        var value = measurement.Value!.Value.ToString("0.0", CultureInfo.CurrentCulture) + " " + (measurement.Unit ?? "");
        return new ReportMeasurement(label, value);
    }
}
