using Microsoft.EntityFrameworkCore;
using TeleDerm.Core.Data;

namespace TeleDerm.Core.Viewer;

/// <summary>
/// One saved annotation with its value worked out: a length (ruler, calibration) or an area (area, ellipse)
/// in millimetres when the image's scale is known (<see cref="Calibrated"/>), else in pixels; arrows and
/// labels have no value.
/// </summary>
public sealed record CaseMeasurement(
    Guid Id,
    Guid LesionImageId,
    string SopInstanceUid,
    AnnotationKind Kind,
    double? Value,
    string? Unit,
    bool Calibrated,
    ScaleSource? ScaleSource,
    string? Label,
    IReadOnlyList<ImagePoint> Points,
    string CreatedByUserId,
    DateTime CreatedAtUtc);

/// <summary>
/// A case's measurements and annotations, for the viewer and the report. The caller has checked that its
/// user may view the case (<see cref="ViewerAccess"/>).
/// </summary>
public sealed class AnnotationQueries(IDbContextFactory<TeleDermDbContext> dbFactory)
{
    public async Task<IReadOnlyList<CaseMeasurement>> ForCaseAsync(Guid caseId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var annotations = await db.Set<ImageAnnotation>().AsNoTracking().Where(a => a.CaseId == caseId).ToListAsync(cancellationToken);
        return Measure(annotations.OrderBy(a => a.CreatedAtUtc).ThenBy(a => a.Id).ToList());
    }

    /// <summary>
    /// Works out each value. An image's scale is its latest calibration in this case, else its DICOM Pixel
    /// Spacing, else none: a calibration drawn after a ruler also converts that ruler.
    /// </summary>
    public static IReadOnlyList<CaseMeasurement> Measure(IReadOnlyList<ImageAnnotation> annotations)
    {
        var calibrations = annotations.Where(a => a.Kind == AnnotationKind.Calibration && a.KnownLengthMm is > 0)
            .GroupBy(a => a.LesionImageId)
            .ToDictionary(g => g.Key, g =>
            {
                var latest = g.OrderBy(a => a.CreatedAtUtc).Last();
                var points = AnnotationGeometry.ParsePoints(latest.PointsJson);
                return AnnotationGeometry.CalibrationScale(points[0], points[1], latest.KnownLengthMm!.Value);
            });
        return [.. annotations.Select(a =>
        {
            var points = AnnotationGeometry.ParsePoints(a.PointsJson);
            var scale = calibrations.GetValueOrDefault(a.LesionImageId)
                ?? (a.PixelSpacingRowMm is > 0 && a.PixelSpacingColumnMm is > 0
                    ? new ImageScale(a.PixelSpacingColumnMm.Value, a.PixelSpacingRowMm.Value, ScaleSource.DicomPixelSpacing) : null);
            var (value, unit) = a.Kind switch
            {
                AnnotationKind.Ruler => (AnnotationGeometry.Length(points[0], points[1], scale), scale is null ? "px" : "mm"),
                AnnotationKind.Calibration => (a.KnownLengthMm, "mm"),
                AnnotationKind.Area => (AnnotationGeometry.PolygonArea(points, scale), scale is null ? "px²" : "mm²"),
                AnnotationKind.Ellipse => (AnnotationGeometry.EllipseArea(points[0], points[1], scale), scale is null ? "px²" : "mm²"),
                _ => ((double?)null, (string?)null),
            };
            var calibrated = a.Kind == AnnotationKind.Calibration || (value is not null && scale is not null);
            return new CaseMeasurement(a.Id, a.LesionImageId, a.SopInstanceUid, a.Kind, value, unit, calibrated,
                a.Kind == AnnotationKind.Calibration ? ScaleSource.Calibration : value is null ? null : scale?.Source,
                a.Label, points, a.CreatedByUserId, a.CreatedAtUtc);
        })];
    }
}
