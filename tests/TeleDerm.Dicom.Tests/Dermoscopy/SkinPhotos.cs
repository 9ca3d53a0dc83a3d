using TeleDerm.Dicom.Dermoscopy;
using TeleDerm.Dicom.Tests.Support;

namespace TeleDerm.Dicom.Tests.Dermoscopy;

/// <summary>Inputs for the skin photo builder tests and the validators they are checked with.</summary>
internal static class SkinPhotos
{
    public static readonly DicomUid Lesion = new("2.25.112233445566778899");

    public static DermoscopicImageRequest Request(PhotographKind kind) => new()
    {
        Kind = kind,
        PatientId = "TD-0001",
        PatientName = "Müller^Anna",
        PatientBirthDate = new DateOnly(1970, 3, 1),
        PatientSex = "F",
        StudyInstanceUid = new DicomUid("2.25.1001"),
        SeriesInstanceUid = new DicomUid("2.25.1002"),
        AcquiredAt = new DateTimeOffset(2026, 11, 22, 9, 30, 0, TimeSpan.Zero),
        LesionTrackingId = "Lesion 1, left upper arm",
        LesionTrackingUid = Lesion,
        AnatomicRegion = new DicomCode("40983000", "SCT", "Upper arm"),
        ImageLaterality = "L",
        LightSourcePolarization = "POLARIZED",
        ContactMethod = "NON_CONTACT",
        OpticalMagnificationFactor = 10,
    };

    /// <summary>A real 4:2:2 baseline JPEG from the corpus (the first frame of a JPEG Baseline file).</summary>
    public static byte[] Jpeg() => DicomPixelData.GetEncapsulatedFrame(DicomFile.Open(Corpus.PathOf("JPEGwithIcon.dcm")).Dataset, 0);

    /// <summary>A gradient, so every byte position differs from its neighbours.</summary>
    public static byte[] Rgb(int width, int height)
    {
        var rgb = new byte[width * height * 3];
        for (var i = 0; i < rgb.Length; i++)
            rgb[i] = (byte)((i * 7) + (i / 3));
        return rgb;
    }

    /// <summary>dciodvfy's error lines (and its whole report) and dcmdump's output for the file's bytes.</summary>
    public static (IReadOnlyList<string> Errors, string Report, ExternalTool.Result Dump) Validate(byte[] bytes)
    {
        var temp = Path.Combine(Path.GetTempPath(), $"teleDerm-photo-{Guid.NewGuid():N}.dcm");
        try
        {
            File.WriteAllBytes(temp, bytes);
            var dciodvfy = ExternalTool.Run("dciodvfy", "dicom3tools", temp);
            var report = dciodvfy.Output + dciodvfy.Errors;
            var errors = report.Split('\n').Where(l => l.StartsWith("Error", StringComparison.Ordinal)).ToList();
            return (errors, report, ExternalTool.Run("dcmdump", "dcmtk", temp));
        }
        finally
        {
            File.Delete(temp);
        }
    }
}
