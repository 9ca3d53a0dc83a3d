namespace TeleDerm.Imaging.Quality;

/// <summary>
/// Tells the GP, before they send a photo, what the dermatologist would ask them to retake and why: out of focus,
/// over- or under-exposed, too small, and for a dermoscopic photo a lesion off-centre or small in the frame. All are
/// warnings except a blank photo (docs/photo-quality.md for how well each check does on a labelled set).
/// </summary>
public static class PhotoQualityCheck
{
    public static IReadOnlyList<PhotoFinding> Assess(PhotoMeasures measures, bool dermoscopic, PhotoQualityThresholds? thresholds = null)
    {
        var t = thresholds ?? PhotoQualityThresholds.Default;
        if (measures.BlackFraction >= t.BlankFraction || measures.WhiteFraction >= t.BlankFraction)
        {
            // Nothing else is worth saying about a black or white frame.
            return [new PhotoFinding(PhotoProblem.Blank, PhotoProblemSeverity.Unusable)];
        }
        var findings = new List<PhotoFinding>();
        void Warn(bool found, PhotoProblem problem)
        {
            if (found)
            {
                findings.Add(new PhotoFinding(problem, PhotoProblemSeverity.Warning));
            }
        }
        Warn(measures.Blur >= t.MaxBlur, PhotoProblem.OutOfFocus);
        Warn(measures.ClippedFraction >= t.MaxClippedFraction, PhotoProblem.OverExposed);
        Warn(measures.BrightLuma <= t.MinBrightLuma, PhotoProblem.UnderExposed);
        Warn(Math.Min(measures.Width, measures.Height) < t.MinShorterSide, PhotoProblem.TooSmall);
        if (dermoscopic)
        {
            Warn(measures.Lesion is { } lesion && lesion.CentreOffset > t.MaxLesionOffset, PhotoProblem.LesionOffCentre);
            Warn(measures.Lesion is not { } found || found.AreaFraction < t.MinLesionArea, PhotoProblem.LesionSmallInFrame);
        }
        return findings;
    }

    /// <summary>Decodes and assesses a photo.</summary>
    /// <exception cref="ImageDecodeException">Not an image we can read, or over the limits.</exception>
    public static IReadOnlyList<PhotoFinding> Assess(ReadOnlySpan<byte> photo, bool dermoscopic, DecodeLimits limits) =>
        Assess(PhotoMeasures.Of(photo, limits), dermoscopic);
}
