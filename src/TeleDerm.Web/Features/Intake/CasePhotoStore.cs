using Microsoft.Extensions.Options;
using TeleDerm.Core.Cases;
using TeleDerm.Core.Intake;
using TeleDerm.Dicom;
using TeleDerm.Dicom.Dermoscopy;
using TeleDerm.Dicom.Import;
using TeleDerm.Dicom.Stores;
using TeleDerm.Imaging;
using TeleDerm.Imaging.Quality;
using TeleDerm.Web.Features.Cases;

namespace TeleDerm.Web.Features.Intake;

/// <summary>
/// The domain's <see cref="IIntakePhotoStore"/> over the DICOM store. Photos of a request, from the intake page, the intake API or a GP's reply: checked first (every file, every
/// problem), then wrapped as DICOM instances of the case's study and stored. An upload is untrusted: its size
/// comes from its header before anything is decoded (per photo and per request), at most a few photos are decoded
/// at once across the server, each is decoded when it is stored and released right after, and a request may add
/// only so many bytes to the store. DICOM uploads go through the importer, which checks (and, when confirmed,
/// rewrites) the patient identity they carry.
/// </summary>
public sealed class CasePhotoStore(IDicomStore store, TimeProvider clock, IOptions<IntakeOptions> options, ILogger<CasePhotoStore> logger) : IIntakePhotoStore
{
    private readonly SemaphoreSlim decodes = new(options.Value.MaxConcurrentDecodes, options.Value.MaxConcurrentDecodes);

    private DecodeLimits Limits => DecodeLimits.Default with
    {
        MaxPixels = options.Value.MaxPixelsPerPhoto,
        MaxDecodedBytes = options.Value.MaxPixelsPerPhoto * 3 + 1024,
    };

    /// <summary>Checks every photo; files too large, too many pixels, or not images get an error naming the file.</summary>
    public async Task<ICheckedPhotos> CheckAsync(IReadOnlyList<PhotoInput> photos, PhotoOwner owner, bool reidentify,
        List<IntakeError> errors, CancellationToken cancellationToken)
    {
        var identity = Images.DicomPatientIdentity.Of(owner);
        var limits = options.Value;
        var result = new CheckedPhotos(limits.MaxStoredBytesPerRequest);
        long pixels = 0;
        foreach (var (photo, index) in photos.Select((p, i) => (p, i)))
        {
            if (photo.Bytes.LongLength > limits.MaxPhotoBytes)
            {
                errors.Add(new($"photos[{index}]", $"{photo.FileName}: the file is {photo.Bytes.LongLength / (1024 * 1024)} MB; the limit is {limits.MaxPhotoBytes / (1024 * 1024)} MB.",
                    "PhotoTooLarge", photo.FileName, photo.Bytes.LongLength / (1024 * 1024), limits.MaxPhotoBytes / (1024 * 1024)));
                continue;
            }
            try
            {
                if (IsDicom(photo.Bytes))
                {
                    // A file from a dermatoscope or a PACS: checked now by a dry run of the import (the reader bounds what
                    // it inflates), stored later as it is.
                    await new DicomImporter(new DryRunDicomStore()).ImportAsync(photo.Bytes, identity, reidentify, cancellationToken);
                    continue;
                }
                var header = ImageDecoder.Identify(photo.Bytes, Limits);
                pixels += header.Pixels;
                if (pixels > limits.MaxPixelsPerRequest)
                {
                    errors.Add(new($"photos[{index}]", $"{photo.FileName}: with it the photos of this request add up to {pixels / 1_000_000} megapixels; "
                        + $"the limit is {limits.MaxPixelsPerRequest / 1_000_000}. Send fewer or smaller photos.",
                        "PhotosOverPixelBudget", photo.FileName, pixels / 1_000_000, limits.MaxPixelsPerRequest / 1_000_000));
                    continue;
                }
                // A check decode (JPEG at a small DCT scale: every coded block is still read) finds corrupt files now,
                // before anything is stored, and measures the photo; its pixels are dropped at once. Of the photo checks
                // only a blank frame refuses the photo (the page warns of the others before it is sent).
                var measures = await DecodeAsync(() => PhotoMeasures.Of(photo.Bytes, Limits), cancellationToken);
                if (PhotoQualityCheck.Assess(measures, photo.Kind == ImageKind.Dermoscopic).Any(f => f.Severity == PhotoProblemSeverity.Unusable))
                {
                    errors.Add(new($"photos[{index}]", $"{photo.FileName}: the photo is almost entirely black or white; nothing can be seen. Take it again.",
                        "PhotoBlank", photo.FileName));
                    continue;
                }
                result.AddImage(photo, header);
            }
            catch (ImageDecodeException ex)
            {
                errors.Add(new($"photos[{index}]", $"{photo.FileName}: {ex.Message}", $"Decode{ex.Reason}", photo.FileName));
            }
            catch (DicomImportException ex)
            {
                errors.Add(new($"photos[{index}]", $"{photo.FileName}: {ex.Message}", $"Dicom{ex.Refusal}", photo.FileName));
            }
        }
        return result;
    }

    /// <summary>
    /// Stores one checked photo: decoded now (through the server-wide gate), wrapped as DICOM, its pixels released.
    /// </summary>
    /// <exception cref="PhotoStorageBudgetException">The request's storage budget would be exceeded: this photo is not stored.</exception>
    /// <exception cref="PhotoStoreFullException">The image store has no room left: this photo is not stored.</exception>
    public async Task<LesionImage> StoreAsync(PhotoInput photo, ICheckedPhotos checkedPhotos, PhotoTarget target, bool reidentify, CancellationToken cancellationToken)
    {
        try
        {
            return await StoreCheckedAsync(photo, (CheckedPhotos)checkedPhotos, target, reidentify, cancellationToken);
        }
        catch (DicomStoreFullException full)
        {
            logger.LogError(full, "The image store is full: a photo of case {CaseId} was refused", target.CaseId);
            throw new PhotoStoreFullException(full);
        }
    }

    private async Task<LesionImage> StoreCheckedAsync(PhotoInput photo, CheckedPhotos @checked, PhotoTarget target, bool reidentify, CancellationToken cancellationToken)
    {
        var now = target.TakenAt ?? clock.GetUtcNow();
        var lesion = target.Lesion;
        if (!@checked.IsImage(photo))
        {
            if (!@checked.TryStore(photo.Bytes.LongLength))
            {
                throw new PhotoStorageBudgetException(photo.FileName, options.Value.MaxStoredBytesPerRequest);
            }
            var imported = await new DicomImporter(store).ImportAsync(photo.Bytes, Images.DicomPatientIdentity.Of(target.Patient), reidentify, cancellationToken);
            return new LesionImage
            {
                Id = Guid.NewGuid(), LesionId = lesion.Id, CaseId = target.CaseId,
                Kind = imported.Instance.SopClassUid == DicomUid.VLPhotographicImageStorage.Value ? ImageKind.Clinical : ImageKind.Dermoscopic,
                StudyInstanceUid = imported.Instance.Key.StudyInstanceUid, SeriesInstanceUid = imported.Instance.Key.SeriesInstanceUid,
                SopInstanceUid = imported.Instance.Key.SopInstanceUid, AcquiredAtUtc = imported.Instance.AcquisitionDateTime ?? now.UtcDateTime,
                OriginalFileName = Path.GetFileName(photo.FileName), SizeBytes = photo.Bytes.LongLength,
            };
        }
        var (dicom, sizeBytes) = await DecodeAsync(() => Encode(photo, target, now), cancellationToken);
        if (!@checked.TryStore(dicom.LongLength))
        {
            throw new PhotoStorageBudgetException(photo.FileName, options.Value.MaxStoredBytesPerRequest);
        }
        var stored = await store.StoreAsync(dicom, cancellationToken);
        return new LesionImage
        {
            Id = Guid.NewGuid(), LesionId = lesion.Id, CaseId = target.CaseId, Kind = photo.Kind,
            StudyInstanceUid = stored.Key.StudyInstanceUid, SeriesInstanceUid = stored.Key.SeriesInstanceUid, SopInstanceUid = stored.Key.SopInstanceUid,
            AcquiredAtUtc = now.UtcDateTime, OriginalFileName = Path.GetFileName(photo.FileName), SizeBytes = sizeBytes,
        };
    }

    public string NewUid() => DicomUid.Generate().Value;

    public Task<bool> DiscardAsync(string sopInstanceUid, CancellationToken cancellationToken) => store.DeleteAsync(sopInstanceUid, cancellationToken);

    /// <summary>A DICOM Part 10 file: "DICM" after the 128-byte preamble (PS3.10 7.1).</summary>
    public static bool IsDicom(byte[] bytes) =>
        bytes.Length > 132 && bytes[128] == 'D' && bytes[129] == 'I' && bytes[130] == 'C' && bytes[131] == 'M';

    /// <summary>Runs a decode when one of the server's few decode slots is free, off the request's thread.</summary>
    private async Task<T> DecodeAsync<T>(Func<T> decode, CancellationToken cancellationToken)
    {
        await decodes.WaitAsync(cancellationToken);
        try
        {
            return await Task.Run(decode, cancellationToken);
        }
        finally
        {
            decodes.Release();
        }
    }

    /// <summary>The photo as the bytes of its DICOM instance (the decoded pixels do not outlive this call).</summary>
    private (byte[] Dicom, long SizeBytes) Encode(PhotoInput photo, PhotoTarget target, DateTimeOffset now)
    {
        var ready = PhotoPreparation.Prepare(photo.Bytes, Limits);
        var lesion = target.Lesion;
        var patient = target.Patient;
        var identity = Images.DicomPatientIdentity.Of(patient);
        var file = SkinPhotographBuilder.Build(ready.Pixels, new DermoscopicImageRequest
        {
            Kind = photo.Kind == ImageKind.Clinical ? PhotographKind.Clinical : PhotographKind.Dermoscopic,
            PatientId = identity.PatientId,
            PatientName = identity.Name,
            PatientBirthDate = patient.BirthDate,
            PatientSex = identity.Sex,
            StudyInstanceUid = new DicomUid(target.StudyUid),
            AccessionNumber = target.CaseReference,
            SeriesInstanceUid = new DicomUid(target.SeriesUid),
            SeriesNumber = target.SeriesNumber,
            InstanceNumber = target.InstanceNumber,
            AcquiredAt = now,
            LesionTrackingId = $"lesion {lesion.BodySiteCode}",
            LesionTrackingUid = new DicomUid(lesion.TrackingUid),
            AnatomicRegion = new DicomCode(lesion.BodySiteCode, "SCT", BodySites.EnglishLabel(lesion.BodySiteCode)),
            ImageLaterality = lesion.Laterality switch { Laterality.Left => "L", Laterality.Right => "R", Laterality.Midline => "B", _ => "U" },
        });
        return (file.ToBytes(), ready.SizeBytes);
    }
}
