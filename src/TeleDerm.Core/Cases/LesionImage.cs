namespace TeleDerm.Core.Cases;

public enum ImageKind
{
    Clinical = 0,
    Dermoscopic = 1,
}

public enum ScoreState
{
    /// <summary>Waiting for the scoring worker; the set of pending images is the persistent queue.</summary>
    Pending = 0,
    Scored = 1,
    Failed = 2,
    /// <summary>The active model is not for this kind of photo (e.g. a clinical photo and a dermoscopy model): no score.</summary>
    NotForModel = 3,
}

/// <summary>
/// A photo of a lesion taken for one request. Core knows it only by its DICOM identifiers; the pixels
/// live in the DICOM store. The risk score, once computed, is kept with the model that produced it.
/// </summary>
public class LesionImage
{
    public Guid Id { get; set; }
    public Guid LesionId { get; set; }
    public Lesion? Lesion { get; set; }
    public Guid CaseId { get; set; }
    public ImageKind Kind { get; set; }
    public string StudyInstanceUid { get; set; } = "";
    public string SeriesInstanceUid { get; set; } = "";
    public string SopInstanceUid { get; set; } = "";
    public DateTime AcquiredAtUtc { get; set; }
    public string? OriginalFileName { get; set; }
    public long SizeBytes { get; set; }

    public ScoreState ScoreState { get; set; }
    public int ScoreAttempts { get; set; }
    /// <summary>Not before this time: back-off between attempts.</summary>
    public DateTime? NextScoreAttemptAtUtc { get; set; }
    public double? Risk { get; set; }
    public string? RiskBand { get; set; }
    public string? ModelName { get; set; }
    public string? ModelVersion { get; set; }
    /// <summary>The model's explanation: named feature values, as JSON.</summary>
    public string? FeaturesJson { get; set; }
    public string? ScoreError { get; set; }
    public DateTime? ScoredAtUtc { get; set; }
}
