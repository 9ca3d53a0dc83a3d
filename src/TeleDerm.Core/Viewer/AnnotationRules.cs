namespace TeleDerm.Core.Viewer;

/// <summary>Limits on what a viewer annotation may contain.</summary>
public static class AnnotationRules
{
    public const int MaxLabelLength = 200;
    public const int MaxPolygonPoints = 200;
    public const int MaxPointsJsonLength = 8000;
    /// <summary>A calibration segment shorter than this many pixels would give a scale too coarse to trust.</summary>
    public const double MinCalibrationPixels = 10;
    public const double MaxKnownLengthMm = 1000;
}
