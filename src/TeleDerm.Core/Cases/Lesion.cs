namespace TeleDerm.Core.Cases;

public enum Laterality
{
    NotApplicable = 0,
    Left = 1,
    Right = 2,
    Midline = 3,
}

/// <summary>
/// One skin lesion of a patient, followed over time. Every image of it, at every visit, carries the same
/// <see cref="TrackingUid"/> (DICOM Tracking UID, 0062,0021): that is how priors are found.
/// </summary>
public class Lesion
{
    public Guid Id { get; set; }
    public Guid PatientId { get; set; }
    public Patient? Patient { get; set; }
    /// <summary>SNOMED CT code of the body site (Anatomic Region Sequence in the DICOM instances).</summary>
    public string BodySiteCode { get; set; } = "";
    public Laterality Laterality { get; set; }
    public string? Description { get; set; }
    public string TrackingUid { get; set; } = "";
    public DateTime CreatedAtUtc { get; set; }
}
