namespace TeleDerm.Core.Intake;

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

    /// <summary>
    /// How long an intake API submission may run before its Idempotency-Key, claimed but never linked to a case (the
    /// attempt died: the database went away, the server stopped), may be claimed again by a retry. Longer than any
    /// real submission, so that a slow first attempt is never doubled.
    /// </summary>
    public TimeSpan AbandonedSubmissionAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Photos stored for a request that was never saved are removed from the image store after this long.</summary>
    public TimeSpan UncommittedPhotosAfter { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often the app looks for such photos.</summary>
    public TimeSpan UncommittedPhotoSweepInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The largest request body the intake API accepts: every photo at its limit, plus the JSON part and multipart framing.</summary>
    public long MaxRequestBodyBytes => MaxPhotos * MaxPhotoBytes + 1024 * 1024;
}
