namespace TeleDerm.Core.Imaging;

/// <summary>
/// One DICOM instance held by the embedded file-system store: the identifiers a query needs and where its
/// Part 10 file lies. Core knows images only as identifiers; the bytes stay in the store's folder.
/// </summary>
public sealed class DicomInstanceRecord
{
    /// <summary>SOP Instance UID (0008,0018): unique across all instances, so it is the key.</summary>
    public string SopInstanceUid { get; set; } = "";
    public string StudyInstanceUid { get; set; } = "";
    public string SeriesInstanceUid { get; set; } = "";
    public string SopClassUid { get; set; } = "";
    public string PatientId { get; set; } = "";

    /// <summary>Lesion Tracking UID (0062,0021): the same for every image of one lesion at every visit.</summary>
    public string? TrackingUid { get; set; }
    /// <summary>Acquisition DateTime (0008,002A): the file's wall-clock time, kept with UTC kind as every time here.</summary>
    public DateTime? AcquisitionDateTime { get; set; }

    /// <summary>Path of the Part 10 file relative to the store's root folder.</summary>
    public string RelativePath { get; set; } = "";
    public long Size { get; set; }

    /// <summary>SHA-256 of the file, lower-case hex: tells a repeated store of the same instance from a different one.</summary>
    public string Sha256 { get; set; } = "";
    public DateTime StoredAtUtc { get; set; }
}
