namespace TeleDerm.Imaging.Quality;

/// <summary>
/// Where each check draws its line. The defaults were chosen on one half of the labelled set (the shared ISIC photos
/// and degraded copies of them) as the best sensitivity that leaves at least 90% of the good photos alone, then
/// measured on the other half: docs/photo-quality.md gives both and how.
/// </summary>
public sealed record PhotoQualityThresholds
{
    public static PhotoQualityThresholds Default { get; } = new();

    /// <summary>Crété-Roffet blur at or above which the photo is out of focus (it did better than the variance of the Laplacian).</summary>
    public double MaxBlur { get; init; } = 0.44;

    /// <summary>Share of clipped pixels at or above which highlights are burnt out.</summary>
    public double MaxClippedFraction { get; init; } = 0.078;

    /// <summary>The lit skin (90th percentile of luminance) at or below this is too dark.</summary>
    public double MinBrightLuma { get; init; } = 87;

    /// <summary>A photo whose shorter side is under this cannot be enlarged to see detail.</summary>
    public int MinShorterSide { get; init; } = 600;

    /// <summary>A dermoscopic lesion's centre further than this from the frame's (share of width or height) is off-centre.</summary>
    public double MaxLesionOffset { get; init; } = 0.345;

    /// <summary>A dermoscopic lesion covering less than this share of the frame is too small in it.</summary>
    public double MinLesionArea { get; init; } = 0.0167;

    /// <summary>This share of black or of white pixels or more leaves nothing to judge: the photo is refused.</summary>
    public double BlankFraction { get; init; } = 0.97;
}
