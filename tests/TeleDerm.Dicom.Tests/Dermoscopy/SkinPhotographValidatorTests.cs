using TeleDerm.Dicom.Dermoscopy;
using Xunit.Abstractions;

namespace TeleDerm.Dicom.Tests.Dermoscopy;

/// <summary>dciodvfy (dicom3tools) finds no error in what the builder writes, and dcmdump (dcmtk) parses it.</summary>
public sealed class SkinPhotographValidatorTests(ITestOutputHelper output)
{
    public static TheoryData<PhotographKind, bool, string> Cases => new()
    {
        { PhotographKind.Clinical, true, "VLPhotographicImage" },
        { PhotographKind.Clinical, false, "VLPhotographicImage" },
        { PhotographKind.Dermoscopic, false, "DermoscopicPhotographyImage" },
        { PhotographKind.Dermoscopic, true, "DermoscopicPhotographyImage" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_kind_from_JPEG_or_native_RGB_passes_dciodvfy_and_dcmdump(PhotographKind kind, bool fromJpeg, string iod)
    {
        PhotoPixels pixels = fromJpeg ? PhotoPixels.FromJpeg(SkinPhotos.Jpeg()) : PhotoPixels.FromRgb(33, 21, SkinPhotos.Rgb(33, 21));

        var file = SkinPhotographBuilder.Build(pixels, SkinPhotos.Request(kind));
        // dciodvfy cannot read deflated files: it checks the same dataset unencoded; dcmdump reads what is stored.
        var (errors, report, _) = SkinPhotos.Validate(fromJpeg ? file.ToBytes() : file.ToBytes(DicomTransferSyntax.ExplicitVRLittleEndian));
        var (_, _, dump) = SkinPhotos.Validate(file.ToBytes());

        output.WriteLine(report);
        Assert.True(errors.Count == 0, string.Join('\n', errors));
        Assert.Contains(iod, report.Replace(" ", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
        Assert.True(dump.ExitCode == 0, dump.Errors);
        Assert.Contains("(0062,0021) UI [2.25.112233445566778899]", dump.Output, StringComparison.Ordinal);
        Assert.Contains(fromJpeg ? "(0002,0010) UI =JPEGBaseline" : "(0002,0010) UI =DeflatedLittleEndianExplicit", dump.Output, StringComparison.Ordinal);
    }
}
