using TeleDerm.Core.Cases;

namespace TeleDerm.Core.Scoring;

/// <summary>A risk score with the model that produced it and the model's explanation (named feature values).</summary>
public sealed record ImageScore(double Risk, string Band, string ModelName, string ModelVersion, IReadOnlyDictionary<string, double> Features);

/// <summary>Scores one stored lesion image. Implemented over the DICOM store and the ONNX scorer by the host.</summary>
public interface ILesionImageScorer
{
    /// <summary>
    /// Whether the active model is for this kind of photo (its card's image kinds). A model made for dermoscopy
    /// gives a number on a clinical photo too, but a meaningless one: such photos are left unscored.
    /// </summary>
    Task<bool> IsForAsync(ImageKind kind, CancellationToken cancellationToken);

    Task<ImageScore> ScoreAsync(LesionImage image, Patient patient, CancellationToken cancellationToken);
}

/// <summary>Configuration section "TeleDerm:Scoring".</summary>
public sealed class ScoringOptions
{
    public const string Section = "TeleDerm:Scoring";

    /// <summary>Images scored at once. Scoring is CPU-bound: one per spare core.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 64)]
    public int MaxConcurrency { get; set; } = 1;

    /// <summary>After this many failed attempts the image is marked failed, with the last reason.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 100)]
    public int MaxAttempts { get; set; } = 3;

    /// <summary>Wait before the second attempt; doubled for each further one.</summary>
    [System.ComponentModel.DataAnnotations.Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a worker holds an image it took before another may take it (a crashed worker's lease runs out).</summary>
    [System.ComponentModel.DataAnnotations.Range(typeof(TimeSpan), "00:00:10", "1.00:00:00")]
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often the worker looks for due work when nothing woke it.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(10);
}
