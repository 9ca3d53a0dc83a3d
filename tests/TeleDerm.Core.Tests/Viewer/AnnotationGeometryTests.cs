using TeleDerm.Core.Viewer;

namespace TeleDerm.Core.Tests.Viewer;

public sealed class AnnotationGeometryTests
{
    private static readonly ImageGeometry Image = new(1000, 800, null, null);

    private static AnnotationDraft Draft(AnnotationKind kind, string points, string? label = null, double? known = null) =>
        new(Guid.NewGuid(), kind, points, label, known);

    [Theory]
    [InlineData("", "not valid JSON")]
    [InlineData("[[1,2]", "not valid JSON")]
    [InlineData("{\"x\":1}", "must be a JSON array")]
    [InlineData("[[1,2],[3]]", "Point 2 must be a pair of numbers")]
    [InlineData("[[1,2],[\"3\",4]]", "Point 2 must be a pair of numbers")]
    [InlineData("[[1,2],[1e400,4]]", "Point 2 is not a finite number")]
    public void Malformed_points_are_refused_with_the_reason(string json, string reason)
    {
        var error = Assert.Throws<AnnotationException>(() => AnnotationCommands.Validate(Draft(AnnotationKind.Ruler, json), Image));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(AnnotationKind.Ruler, "[[1,2]]", "takes 2 point(s); 1 given")]
    [InlineData(AnnotationKind.Area, "[[1,2],[3,4]]", "takes 3 to 200 points; 2 given")]
    [InlineData(AnnotationKind.Arrow, "[[1,2],[1001,4]]", "(1001, 4) lies outside the image (1000 × 800 pixels)")]
    [InlineData(AnnotationKind.Ruler, "[[-1,2],[3,4]]", "(-1, 2) lies outside")]
    [InlineData(AnnotationKind.Label, "[[1,2]]", "A label needs its text")]
    public void Shapes_with_the_wrong_points_are_refused(AnnotationKind kind, string json, string reason)
    {
        var error = Assert.Throws<AnnotationException>(() => AnnotationCommands.Validate(Draft(kind, json), Image));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "Enter the true length")]
    [InlineData(0.0, "Enter the true length")]
    [InlineData(-3.0, "Enter the true length")]
    [InlineData(5000.0, "Enter the true length")]
    public void A_calibration_needs_a_plausible_known_length(double? known, string reason)
    {
        var error = Assert.Throws<AnnotationException>(() => AnnotationCommands.Validate(Draft(AnnotationKind.Calibration, "[[0,0],[100,0]]", known: known), Image));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_calibration_over_a_few_pixels_is_refused()
    {
        var error = Assert.Throws<AnnotationException>(() => AnnotationCommands.Validate(Draft(AnnotationKind.Calibration, "[[0,0],[3,4]]", known: 10), Image));
        Assert.Contains("at least 10 pixels", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_long_label_is_refused()
    {
        var error = Assert.Throws<AnnotationException>(() => AnnotationCommands.Validate(Draft(AnnotationKind.Label, "[[1,1]]", new string('a', 201)), Image));
        Assert.Contains("at most 200 characters", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Lengths_and_areas_follow_the_scale()
    {
        var scale = new ImageScale(0.1, 0.2, ScaleSource.DicomPixelSpacing);
        Assert.Equal(5, AnnotationGeometry.Length(new(0, 0), new(3, 4), null), 9);
        Assert.Equal(Math.Sqrt(0.3 * 0.3 + 0.8 * 0.8), AnnotationGeometry.Length(new(0, 0), new(3, 4), scale), 9);
        ImagePoint[] square = [new(0, 0), new(10, 0), new(10, 10), new(0, 10)];
        Assert.Equal(100, AnnotationGeometry.PolygonArea(square, null), 9);
        Assert.Equal(2, AnnotationGeometry.PolygonArea(square, scale), 9);
        Assert.Equal(Math.PI * 50 * 25, AnnotationGeometry.EllipseArea(new(0, 0), new(100, 50), null), 6);
    }

    private static ImageAnnotation Saved(Guid image, AnnotationKind kind, string points, DateTime at, double? known = null, double? spacing = null) => new()
    {
        Id = Guid.NewGuid(), LesionImageId = image, SopInstanceUid = "1.2.3", Kind = kind, PointsJson = points, KnownLengthMm = known,
        PixelSpacingRowMm = spacing, PixelSpacingColumnMm = spacing, CreatedAtUtc = at,
    };

    [Fact]
    public void A_calibration_converts_the_rulers_of_its_image_only_and_wins_over_pixel_spacing()
    {
        var (calibrated, other, dicom) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var t = new DateTime(2026, 11, 22, 9, 0, 0, DateTimeKind.Utc);
        var rows = AnnotationQueries.Measure(
        [
            Saved(calibrated, AnnotationKind.Ruler, "[[100,200],[900,200]]", t),
            Saved(calibrated, AnnotationKind.Calibration, "[[100,400],[600,400]]", t.AddMinutes(1), known: 50),
            Saved(other, AnnotationKind.Ruler, "[[0,0],[300,400]]", t),
            Saved(dicom, AnnotationKind.Ruler, "[[0,0],[300,400]]", t, spacing: 0.02),
            Saved(dicom, AnnotationKind.Arrow, "[[0,0],[300,400]]", t, spacing: 0.02),
        ]);
        Assert.Equal((80.0, "mm", true, (ScaleSource?)ScaleSource.Calibration), (Math.Round(rows[0].Value!.Value, 9), rows[0].Unit, rows[0].Calibrated, rows[0].ScaleSource));
        Assert.Equal((50.0, "mm", true), (rows[1].Value!.Value, rows[1].Unit, rows[1].Calibrated));
        Assert.Equal((500.0, "px", false), (rows[2].Value!.Value, rows[2].Unit, rows[2].Calibrated));
        Assert.Equal((10.0, "mm", true, (ScaleSource?)ScaleSource.DicomPixelSpacing), (Math.Round(rows[3].Value!.Value, 9), rows[3].Unit, rows[3].Calibrated, rows[3].ScaleSource));
        Assert.Equal(((double?)null, (string?)null, false), (rows[4].Value, rows[4].Unit, rows[4].Calibrated));
    }
}
