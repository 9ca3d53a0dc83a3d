using TeleDerm.Core.Cases;

namespace TeleDerm.Web.Features.Intake;

/// <summary>Everything a GP sends with a tele-expertise request (from the intake page or the intake API).</summary>
public sealed record IntakeRequest(
    PatientInput Patient,
    string Reason,
    Questionnaire Questionnaire,
    Urgency Urgency,
    string? UrgencyReason,
    bool PatientConsent,
    IReadOnlyList<LesionInput> Lesions,
    bool SamePatientConfirmed = false,
    bool ReidentifyDicomFiles = false);

public sealed record PatientInput(string FamilyName, string GivenName, DateOnly? BirthDate, Sex Sex,
    string? NationalHealthId = null, string? Phone = null, string? Email = null);

/// <summary>A lesion: a new one (body site and description) or, for a follow-up, one the patient already has.</summary>
public sealed record LesionInput(string BodySiteCode, Laterality Laterality, string? Description, IReadOnlyList<PhotoInput> Photos, Guid? ExistingLesionId = null);

public sealed record PhotoInput(string FileName, ImageKind Kind, byte[] Bytes);

/// <summary>A problem with one field or one file, said so that the GP knows what to change.</summary>
/// <summary>
/// A problem with one field of a request. <see cref="Message"/> is English (the intake API's problem details, the
/// logs); <see cref="Code"/> names the resource "IntakeError.{Code}" the page shows instead, formatted with
/// <see cref="Arguments"/> in the reader's language.
/// </summary>
/// <param name="Field">The field's path ("patient.familyName", "lesions[0].photos"), for the page and the API.</param>
/// <param name="Message">The English sentence (the API's problem detail and the logs).</param>
/// <param name="Code">Names the reader's text "IntakeError.{Code}"; every error has one.</param>
public sealed record IntakeError(string Field, string Message, string Code, params object[] Arguments);

public sealed record PatientMatch(Guid PatientId, string Name, DateOnly BirthDate);

public sealed record IntakeResult(Guid? CaseId, string? Reference, IReadOnlyList<IntakeError> Errors, PatientMatch? NeedsConfirmation = null)
{
    public bool Succeeded => CaseId is not null;

    public static IntakeResult Invalid(IReadOnlyList<IntakeError> errors) => new(null, null, errors);
}

/// <summary>Configuration section "TeleDerm:Intake".</summary>
public sealed class IntakeOptions
{
    public const string Section = "TeleDerm:Intake";

    public int MaxPhotos { get; set; } = 20;
    public long MaxPhotoBytes { get; set; } = 30L * 1024 * 1024;

    /// <summary>Largest photo, in pixels its header declares (50 MP: a 48 MP phone photo fits; a decompression bomb does not).</summary>
    public long MaxPixelsPerPhoto { get; set; } = 50_000_000;

    /// <summary>All the photos of one request together, in pixels (20 photos of 20 MP).</summary>
    public long MaxPixelsPerRequest { get; set; } = 400_000_000;

    /// <summary>What one request may add to the DICOM store, in bytes (photos are stored compressed: JPEG as sent, others deflated).</summary>
    public long MaxStoredBytesPerRequest { get; set; } = 640L * 1024 * 1024;

    /// <summary>Photos decoded at the same time across the whole server: each holds its pixels (up to 150 MB) while it is decoded.</summary>
    public int MaxConcurrentDecodes { get; set; } = 2;

    /// <summary>How long a draft (and its photos) untouched is kept before it is deleted.</summary>
    public TimeSpan DraftRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>The largest request body the intake API accepts: every photo at its limit, plus the JSON part and multipart framing.</summary>
    public long MaxRequestBodyBytes => MaxPhotos * MaxPhotoBytes + 1024 * 1024;
}
