namespace TeleDerm.Core.Viewer;

/// <summary>What a viewer annotation is. Stable numbers: they are stored.</summary>
public enum AnnotationKind
{
    /// <summary>A straight segment; its length is the measurement.</summary>
    Ruler = 0,
    /// <summary>A closed polygon; its area is the measurement.</summary>
    Area = 1,
    Arrow = 2,
    /// <summary>An ellipse given by two opposite corners of its bounding box; its area is shown too.</summary>
    Ellipse = 3,
    /// <summary>A text label at one point.</summary>
    Label = 4,
    /// <summary>A segment drawn over a known length (the ruler in the photo): it gives the image its scale.</summary>
    Calibration = 5,
}

/// <summary>
/// A measurement, calibration or mark a clinician drew on one image of a case, kept with the case.
/// Points are in the image's own pixels (columns, rows of the stored instance), so they survive any zoom,
/// rotation or screen. The DICOM Pixel Spacing the image had when it was drawn is copied here, so that
/// lengths can be given in millimetres without reading the DICOM store again.
/// </summary>
public class ImageAnnotation
{
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    public Guid LesionImageId { get; set; }
    public string SopInstanceUid { get; set; } = "";
    public AnnotationKind Kind { get; set; }
    /// <summary>JSON array of [x, y] pairs in image pixels.</summary>
    public string PointsJson { get; set; } = "[]";
    public string? Label { get; set; }
    /// <summary>For a calibration: the true length of the segment, in millimetres.</summary>
    public double? KnownLengthMm { get; set; }
    /// <summary>Pixel Spacing (0028,0030) of the image: distance between rows, then between columns, in mm; null when absent.</summary>
    public double? PixelSpacingRowMm { get; set; }
    public double? PixelSpacingColumnMm { get; set; }
    public string CreatedByUserId { get; set; } = "";
    public DateTime CreatedAtUtc { get; set; }
}
