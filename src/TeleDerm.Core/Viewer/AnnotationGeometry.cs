using TeleDerm.Core.Errors;
using System.Globalization;
using System.Text.Json;

namespace TeleDerm.Core.Viewer;

/// <summary>Millimetres per image pixel along x (columns) and y (rows), and where that scale comes from.</summary>
public sealed record ImageScale(double MmPerPixelX, double MmPerPixelY, ScaleSource Source);

public enum ScaleSource
{
    /// <summary>Pixel Spacing in the DICOM instance (a calibrated dermatoscope).</summary>
    DicomPixelSpacing = 0,
    /// <summary>A segment drawn over a known length.</summary>
    Calibration = 1,
}

/// <summary>A point in image pixels.</summary>
public readonly record struct ImagePoint(double X, double Y);

/// <summary>Parsing and measuring the points of an annotation. Pure functions: the viewer's JavaScript mirrors them for live display.</summary>
public static class AnnotationGeometry
{
    /// <summary>How many points each kind takes (Area: at least three).</summary>
    public static (int Min, int Max) PointCount(AnnotationKind kind) => kind switch
    {
        AnnotationKind.Label => (1, 1),
        AnnotationKind.Area => (3, AnnotationRules.MaxPolygonPoints),
        _ => (2, 2),
    };

    /// <summary>Reads "[[x,y],...]"; throws <see cref="AnnotationException"/> saying what is wrong.</summary>
    public static IReadOnlyList<ImagePoint> ParsePoints(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new AnnotationException("PointsNotJson", $"The points are not valid JSON ({ex.Message}).");
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                throw new AnnotationException("PointsNotArray", "The points must be a JSON array of [x, y] pairs.");
            }
            var points = new List<ImagePoint>();
            foreach (var (pair, index) in document.RootElement.EnumerateArray().Select((p, i) => (p, i)))
            {
                if (pair.ValueKind != JsonValueKind.Array || pair.GetArrayLength() != 2
                    || pair[0].ValueKind != JsonValueKind.Number || pair[1].ValueKind != JsonValueKind.Number)
                {
                    throw new AnnotationException("PointNotPair", $"Point {index + 1} must be a pair of numbers [x, y].", index + 1);
                }
                var (x, y) = (pair[0].GetDouble(), pair[1].GetDouble());
                if (!double.IsFinite(x) || !double.IsFinite(y))
                {
                    throw new AnnotationException("PointNotFinite", $"Point {index + 1} is not a finite number.", index + 1);
                }
                points.Add(new ImagePoint(x, y));
            }
            return points;
        }
    }

    public static string FormatPoints(IEnumerable<ImagePoint> points) =>
        "[" + string.Join(",", points.Select(p => string.Create(CultureInfo.InvariantCulture, $"[{Math.Round(p.X, 2)},{Math.Round(p.Y, 2)}]"))) + "]";

    /// <summary>Length of the segment, in millimetres when scaled, else in pixels.</summary>
    public static double Length(ImagePoint a, ImagePoint b, ImageScale? scale)
    {
        var (sx, sy) = scale is null ? (1, 1) : (scale.MmPerPixelX, scale.MmPerPixelY);
        return Math.Sqrt(Math.Pow((b.X - a.X) * sx, 2) + Math.Pow((b.Y - a.Y) * sy, 2));
    }

    /// <summary>Area of a simple polygon (shoelace formula), in mm² when scaled, else in pixels².</summary>
    public static double PolygonArea(IReadOnlyList<ImagePoint> points, ImageScale? scale)
    {
        var twice = 0.0;
        for (var i = 0; i < points.Count; i++)
        {
            var (p, q) = (points[i], points[(i + 1) % points.Count]);
            twice += p.X * q.Y - q.X * p.Y;
        }
        var factor = scale is null ? 1 : scale.MmPerPixelX * scale.MmPerPixelY;
        return Math.Abs(twice) / 2 * factor;
    }

    /// <summary>Area of the ellipse inscribed in the box with these opposite corners.</summary>
    public static double EllipseArea(ImagePoint a, ImagePoint b, ImageScale? scale)
    {
        var factor = scale is null ? 1 : scale.MmPerPixelX * scale.MmPerPixelY;
        return Math.PI * Math.Abs(b.X - a.X) / 2 * Math.Abs(b.Y - a.Y) / 2 * factor;
    }

    /// <summary>The scale a calibration segment gives: the same millimetres per pixel in both directions (photos have square pixels).</summary>
    public static ImageScale CalibrationScale(ImagePoint a, ImagePoint b, double knownLengthMm)
    {
        var pixels = Length(a, b, null);
        return new ImageScale(knownLengthMm / pixels, knownLengthMm / pixels, ScaleSource.Calibration);
    }
}

/// <summary>An annotation that cannot be saved, with the reason in words a clinician or developer can act on.</summary>
/// <summary>A refused annotation: the text "AnnotationError.{code}" says why; nothing was saved.</summary>
public sealed class AnnotationException(string code, string message, params object[] arguments)
    : RefusedException(new Refusal($"AnnotationError.{code}", message, arguments));
