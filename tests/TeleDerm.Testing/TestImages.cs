using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using TeleDerm.Core.Cases;
using TeleDerm.Core.Data;
using TeleDerm.Dicom;
using TeleDerm.Dicom.Dermoscopy;
using TeleDerm.Dicom.Stores;
using TeleDerm.Imaging;
using TeleDerm.Imaging.Codecs;

namespace TeleDerm.Testing;

/// <summary>
/// Lesion photos for viewer tests: drawn with known geometry (a ruler bar whose length the test knows, two
/// marks a known distance apart), encoded as JPEG, stored as dermoscopic DICOM instances in the app's
/// store, and linked to a case's lesion in the database.
/// </summary>
public static class TestImages
{
    /// <summary>In the drawn photo: a ruler bar from (100, H-100) to (600, H-100), meant as 50 mm; two marks at (150, 300) and (950, 300).</summary>
    public static readonly (double X1, double Y1, double X2, double Y2) RulerBar = (100, -100, 600, -100);
    public static readonly (double X1, double Y1, double X2, double Y2) Marks = (150, 300, 950, 300);

    /// <summary>
    /// A skin-toned photo with a brown lesion (its centre and size change with <paramref name="variant"/>), a black ruler bar and two dark marks.
    /// <paramref name="noise"/> adds seeded grain of that amplitude, so that the JPEG is as large as a real photo's.
    /// </summary>
    public static byte[] DrawJpeg(int width = 1200, int height = 900, int variant = 0, int quality = 90, int noise = 0)
    {
        var random = new Random(variant);
        var image = RgbImage.CreateBlank(width, height);
        var pixels = image.Pixels;
        var (cx, cy) = (width / 2.0 + variant * 20, height / 2.0);
        var (rx, ry) = (width / 8.0 + variant * 10, height / 9.0 + variant * 6);
        var rulerY = height - 100;
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var i = (y * width + x) * 3;
                var inLesion = Math.Pow((x - cx) / rx, 2) + Math.Pow((y - cy) / ry, 2) <= 1;
                var onRuler = x >= 100 && x <= 600 && Math.Abs(y - rulerY) <= 6 || (x - 100) % 50 == 0 && x >= 100 && x <= 600 && y >= rulerY - 20 && y <= rulerY;
                var onMark = (Math.Abs(x - 150) <= 3 || Math.Abs(x - 950) <= 3) && Math.Abs(y - 300) <= 25;
                var (r, g, b) = onRuler || onMark ? (10, 10, 10)
                    : inLesion ? (110 - variant * 10, 70 - variant * 5, 45)
                    : (226 - (x * 20 / width), 183 - (y * 20 / height), 160);
                var grain = noise == 0 ? 0 : random.Next(-noise, noise + 1);
                pixels[i] = (byte)Math.Clamp(r + grain, 0, 255);
                pixels[i + 1] = (byte)Math.Clamp(g + grain, 0, 255);
                pixels[i + 2] = (byte)Math.Clamp(b + grain, 0, 255);
            }
        }
        return JpegEncoder.Encode(image, quality);
    }

    /// <summary>Stores the photo as a dermoscopic instance and adds it to the lesion (created when <paramref name="lesion"/> is null) of the case.</summary>
    public static async Task<(Lesion Lesion, LesionImage Image)> AddAsync(IServiceProvider services, TeleExpertiseCase @case, byte[] jpeg,
        DateTime acquiredAtUtc, Lesion? lesion = null, double? pixelSpacingMm = null, string bodySiteCode = "77568009")
    {
        var trackingUid = lesion is null ? DicomUid.Generate() : new DicomUid(lesion.TrackingUid);
        var (study, series) = (DicomUid.Generate(), DicomUid.Generate());
        var file = DermoscopicImageBuilder.Build(jpeg, new DermoscopicImageRequest
        {
            PatientId = @case.PatientId.ToString("N"),
            StudyInstanceUid = study,
            SeriesInstanceUid = series,
            AcquiredAt = new DateTimeOffset(acquiredAtUtc, TimeSpan.Zero),
            LesionTrackingId = "lesion",
            LesionTrackingUid = trackingUid,
            AnatomicRegion = new DicomCode(bodySiteCode, "SCT", "Back"),
        });
        if (pixelSpacingMm is { } spacing)
        {
            var text = spacing.ToString("0.######", CultureInfo.InvariantCulture);
            file.Dataset.SetString(DicomTags.PixelSpacing, text, text);
        }
        var stored = await services.GetRequiredService<IDicomStore>().StoreAsync(file.ToBytes(DicomTransferSyntax.JPEGBaseline8Bit));
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TeleDermDbContext>();
        if (lesion is null)
        {
            lesion = new Lesion { Id = Guid.NewGuid(), PatientId = @case.PatientId, BodySiteCode = bodySiteCode, TrackingUid = trackingUid.Value, CreatedAtUtc = acquiredAtUtc };
            db.Add(lesion);
        }
        if (!db.Set<CaseLesion>().Any(l => l.CaseId == @case.Id && l.LesionId == lesion.Id))
        {
            db.Add(new CaseLesion { CaseId = @case.Id, LesionId = lesion.Id });
        }
        var image = new LesionImage
        {
            Id = Guid.NewGuid(), LesionId = lesion.Id, CaseId = @case.Id, Kind = ImageKind.Dermoscopic,
            StudyInstanceUid = study.Value, SeriesInstanceUid = series.Value, SopInstanceUid = stored.Key.SopInstanceUid,
            AcquiredAtUtc = acquiredAtUtc, SizeBytes = jpeg.Length,
        };
        db.Add(image);
        await db.SaveChangesAsync();
        return (lesion, image);
    }
}
