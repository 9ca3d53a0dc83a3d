using TeleDerm.Core.Cases;

namespace TeleDerm.Core.Intake;

/// <summary>
/// Where the photos of a request go: the image store, seen from the domain. The intake use case checks every photo
/// before anything is saved, then stores them one by one and keeps the records it gets back. The web host
/// implements it over the DICOM store (each photo becomes a DICOM instance of the case's study); the domain knows
/// images only by their identifiers.
/// </summary>
public interface IIntakePhotoStore
{
    /// <summary>Checks every photo for <paramref name="owner"/>; each problem is added to <paramref name="errors"/> naming its file.</summary>
    /// <param name="reidentify">The GP confirmed that DICOM files naming the patient differently are theirs: rewrite the identity instead of refusing.</param>
    Task<ICheckedPhotos> CheckAsync(IReadOnlyList<PhotoInput> photos, PhotoOwner owner, bool reidentify, List<IntakeError> errors, CancellationToken cancellationToken);

    /// <summary>Stores one checked photo where <paramref name="target"/> says, and returns its record (not saved yet).</summary>
    /// <exception cref="PhotoStorageBudgetException">The request's storage budget would be exceeded: this photo is not stored.</exception>
    /// <exception cref="PhotoStoreFullException">The image store has no room left: this photo is not stored.</exception>
    Task<LesionImage> StoreAsync(PhotoInput photo, ICheckedPhotos checkedPhotos, PhotoTarget target, bool reidentify, CancellationToken cancellationToken);

    /// <summary>Removes a stored photo that no saved request refers to; false when the store cannot (a PACS has it already).</summary>
    Task<bool> DiscardAsync(string sopInstanceUid, CancellationToken cancellationToken);

    /// <summary>A new identifier for a study, a series or a lesion's tracking, in the store's own form (a DICOM UID).</summary>
    string NewUid();
}

/// <summary>The photos of one request once checked, as the store that checked them needs them back.</summary>
public interface ICheckedPhotos;

/// <summary>
/// Who the photos are of, as the image store must name them: a known patient, or the one a request is about to
/// create (its identifier chosen already, the rest as the GP typed it).
/// </summary>
public sealed record PhotoOwner(Guid PatientId, string? NationalHealthId, string FamilyName, string GivenName, DateOnly? BirthDate, Sex Sex)
{
    public static PhotoOwner Of(Patient patient) =>
        new(patient.Id, patient.NationalHealthId, patient.FamilyName, patient.GivenName, patient.BirthDate, patient.Sex);

    public static PhotoOwner Of(Guid newPatientId, PatientInput typed) =>
        new(newPatientId, typed.NationalHealthId, typed.FamilyName, typed.GivenName, typed.BirthDate, typed.Sex);
}

/// <summary>
/// Where a photo goes: which patient, request, lesion, study and series (identifiers from
/// <see cref="IIntakePhotoStore.NewUid"/>), its number in the study; when it was taken if not now.
/// </summary>
public sealed record PhotoTarget(Patient Patient, Guid CaseId, string CaseReference, Lesion Lesion, string StudyUid, string SeriesUid, int SeriesNumber,
    int InstanceNumber, DateTimeOffset? TakenAt = null);

/// <summary>A checked photo that could not be stored: nothing more of it is stored, and the request is not saved.</summary>
public abstract class PhotoNotStoredException(string message, Exception? innerException = null) : Exception(message, innerException)
{
    /// <summary>The error a GP or practice software reads, in their language.</summary>
    public abstract IntakeError ToIntakeError();
}

/// <summary>A checked photo that would take the request past its storage budget.</summary>
public sealed class PhotoStorageBudgetException(string fileName, long budgetBytes)
    : PhotoNotStoredException($"{fileName}: the photos of this request would take more than {Size(budgetBytes)} once stored; send fewer or smaller photos.")
{
    private static bool InMegabytes(long bytes) => bytes >= 1024 * 1024;

    private static string Size(long bytes) => InMegabytes(bytes) ? $"{bytes / (1024 * 1024)} MB" : $"{bytes / 1024} KB";

    /// <summary>The budget in MB, or in KB when under one MB.</summary>
    public override IntakeError ToIntakeError() => InMegabytes(budgetBytes)
        ? new("photos", Message, "PhotosOverStorageBudget", fileName, budgetBytes / (1024 * 1024))
        : new("photos", Message, "PhotosOverStorageBudgetKb", fileName, budgetBytes / 1024);
}

/// <summary>
/// The image store has no room left (its disk is full): a fault of the installation, not of the request, which can be
/// sent again once room is made. Nothing of the photo is stored.
/// </summary>
public sealed class PhotoStoreFullException(Exception innerException)
    : PhotoNotStoredException("The image store is full: nothing was saved. Send the request again later; the department's IT must make room.", innerException)
{
    public const string Code = "StorageFull";

    public override IntakeError ToIntakeError() => new("photos", Message, "StorageFull");
}
