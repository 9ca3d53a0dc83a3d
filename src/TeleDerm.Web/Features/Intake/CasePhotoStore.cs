using Microsoft.Extensions.Options;
using TeleDerm.Core.Cases;
using TeleDerm.Dicom;
using TeleDerm.Dicom.Dermoscopy;
using TeleDerm.Dicom.Import;
using TeleDerm.Dicom.Stores;
using TeleDerm.Imaging;
using TeleDerm.Web.Features.Cases;

namespace TeleDerm.Web.Features.Intake;

/// <summary>Where a photo goes: which patient, request, lesion, study and series, and its number in the study; when it was taken if not now.</summary>
public sealed record PhotoTarget(Patient Patient, Guid CaseId, string CaseReference, Lesion Lesion, DicomUid Study, DicomUid Series, int SeriesNumber, int InstanceNumber,
    DateTimeOffset? TakenAt = null);

/// <summary>
/// Photos of a request, from the intake page, the intake API or a GP's reply: checked first (every file,
/// every problem), then wrapped as DICOM instances of the case's study and stored. DICOM uploads go through
/// the importer, which checks (and, when confirmed, rewrites) the patient identity they carry.
/// </summary>
public sealed class CasePhotoStore(IDicomStore store, TimeProvider clock, IOptions<IntakeOptions> options)
{
    /// <summary>Prepares every photo; files that are too large or not images get an error naming the file.</summary>
    public async Task<Dictionary<PhotoInput, PreparedPhoto>> CheckAsync(IEnumerable<PhotoInput> photos, PatientIdentity identity, bool reidentify,
        List<IntakeError> errors, CancellationToken cancellationToken)
    {
        var prepared = new Dictionary<PhotoInput, PreparedPhoto>();
        foreach (var (photo, index) in photos.Select((p, i) => (p, i)))
        {
            if (photo.Bytes.LongLength > options.Value.MaxPhotoBytes)
            {
                errors.Add(new($"photos[{index}]", $"{photo.FileName}: the file is {photo.Bytes.LongLength / (1024 * 1024)} MB; the limit is {options.Value.MaxPhotoBytes / (1024 * 1024)} MB."));
                continue;
            }
            try
            {
                if (IntakeService.IsDicom(photo.Bytes))
                {
                    // A file from a dermatoscope or a PACS: checked now by a dry run of the import, stored later.
                    await new DicomImporter(new DryRunDicomStore()).ImportAsync(photo.Bytes, identity, reidentify, cancellationToken);
                }
                else
                {
                    prepared[photo] = PhotoPreparation.Prepare(photo.Bytes);
                }
            }
            catch (ImageDecodeException ex)
            {
                errors.Add(new($"photos[{index}]", $"{photo.FileName}: {ex.Message}"));
            }
            catch (DicomImportException ex)
            {
                errors.Add(new($"photos[{index}]", $"{photo.FileName}: {ex.Message}"));
            }
        }
        return prepared;
    }

    /// <summary>Stores one checked photo; <paramref name="ready"/> is null for a DICOM upload.</summary>
    public async Task<LesionImage> StoreAsync(PhotoInput photo, PreparedPhoto? ready, PhotoTarget target, PatientIdentity identity, bool reidentify, CancellationToken cancellationToken)
    {
        var now = target.TakenAt ?? clock.GetUtcNow();
        var lesion = target.Lesion;
        if (ready is null)
        {
            var imported = await new DicomImporter(store).ImportAsync(photo.Bytes, identity, reidentify, cancellationToken);
            return new LesionImage
            {
                Id = Guid.NewGuid(), LesionId = lesion.Id, CaseId = target.CaseId,
                Kind = imported.Instance.SopClassUid == DicomUid.VLPhotographicImageStorage.Value ? ImageKind.Clinical : ImageKind.Dermoscopic,
                StudyInstanceUid = imported.Instance.Key.StudyInstanceUid, SeriesInstanceUid = imported.Instance.Key.SeriesInstanceUid,
                SopInstanceUid = imported.Instance.Key.SopInstanceUid, AcquiredAtUtc = imported.Instance.AcquisitionDateTime ?? now.UtcDateTime,
                OriginalFileName = Path.GetFileName(photo.FileName), SizeBytes = photo.Bytes.LongLength,
            };
        }
        var patient = target.Patient;
        var file = SkinPhotographBuilder.Build(ready.Pixels, new DermoscopicImageRequest
        {
            Kind = photo.Kind == ImageKind.Clinical ? PhotographKind.Clinical : PhotographKind.Dermoscopic,
            PatientId = patient.NationalHealthId ?? patient.Id.ToString("N"),
            PatientName = $"{patient.FamilyName}^{patient.GivenName}",
            PatientBirthDate = patient.BirthDate,
            PatientSex = DicomSex(patient.Sex),
            StudyInstanceUid = target.Study,
            AccessionNumber = target.CaseReference,
            SeriesInstanceUid = target.Series,
            SeriesNumber = target.SeriesNumber,
            InstanceNumber = target.InstanceNumber,
            AcquiredAt = now,
            LesionTrackingId = $"lesion {lesion.BodySiteCode}",
            LesionTrackingUid = new DicomUid(lesion.TrackingUid),
            AnatomicRegion = new DicomCode(lesion.BodySiteCode, "SCT", BodySites.EnglishLabel(lesion.BodySiteCode)),
            ImageLaterality = lesion.Laterality switch { Laterality.Left => "L", Laterality.Right => "R", Laterality.Midline => "B", _ => "U" },
        });
        var stored = await store.StoreAsync(file.ToBytes(), cancellationToken);
        return new LesionImage
        {
            Id = Guid.NewGuid(), LesionId = lesion.Id, CaseId = target.CaseId, Kind = photo.Kind,
            StudyInstanceUid = stored.Key.StudyInstanceUid, SeriesInstanceUid = stored.Key.SeriesInstanceUid, SopInstanceUid = stored.Key.SopInstanceUid,
            AcquiredAtUtc = now.UtcDateTime, OriginalFileName = Path.GetFileName(photo.FileName), SizeBytes = ready.SizeBytes,
        };
    }

    public static string DicomSex(Sex sex) => sex switch { Sex.Female => "F", Sex.Male => "M", Sex.Other => "O", _ => "" };

    /// <summary>The patient as DICOM files of a request must name them (same rule as the instances we build).</summary>
    public static PatientIdentity IdentityOf(Patient patient) =>
        new(patient.NationalHealthId ?? patient.Id.ToString("N"), $"{patient.FamilyName}^{patient.GivenName}", patient.BirthDate, DicomSex(patient.Sex));
}
