using TeleDerm.Dicom.Dermoscopy;
using TeleDerm.Dicom.Tests.Support;
using Xunit.Abstractions;

namespace TeleDerm.Dicom.Tests.Dermoscopy;

public sealed class DermoscopicImageBuilderTests(ITestOutputHelper output)
{
    private static readonly DicomUid Lesion = SkinPhotos.Lesion;

    /// <summary>The skin photo request with no study or series given: the builder makes their UIDs.</summary>
    private static DermoscopicImageRequest Request() =>
        SkinPhotos.Request(PhotographKind.Dermoscopic) with { StudyInstanceUid = null, SeriesInstanceUid = null };

    /// <summary>A real JPEG from the corpus: the first frame of a JPEG Baseline file.</summary>
    private static byte[] CorpusJpeg(string name) => DicomPixelData.GetEncapsulatedFrame(DicomFile.Open(Corpus.PathOf(name)).Dataset, 0);

    [Theory]
    [InlineData("JPEGwithIcon.dcm", "YBR_FULL_422")]
    [InlineData("SC_rgb_jpeg_dcmtk.dcm", "YBR_FULL")]
    public void The_photometric_interpretation_follows_the_JPEG_chroma_sampling(string name, string expected)
    {
        var file = DermoscopicImageBuilder.Build(CorpusJpeg(name), Request());

        Assert.Equal(expected, file.Dataset.GetString(DicomTags.PhotometricInterpretation));
    }

    [Fact]
    public void The_JPEG_is_stored_bit_exact_as_one_fragment_with_an_empty_offset_table()
    {
        var jpeg = CorpusJpeg("JPEGwithIcon.dcm");

        var bytes = DermoscopicImageBuilder.Build(jpeg, Request()).ToBytes(DicomTransferSyntax.JPEGBaseline8Bit);
        var back = DicomFile.Read(bytes);

        var pixels = Assert.IsType<DicomFragmentSequence>(back.Dataset.GetItem(DicomTags.PixelData));
        Assert.Equal(0, pixels.BasicOffsetTableBuffer.Length);
        var fragment = Assert.Single(pixels.Fragments).GetBytes().ToArray();
        Assert.Equal(jpeg, fragment[..jpeg.Length]);
        Assert.Equal("1.2.840.10008.1.2.4.50", back.FileMetaInformation.GetString(DicomTags.TransferSyntaxUID));
        Assert.Equal("DMS", back.Dataset.GetString(DicomTags.Modality));
        Assert.Equal(Lesion, back.Dataset.GetUid(DicomTags.TrackingUID));
        Assert.StartsWith("2.25.", back.Dataset.GetString(DicomTags.SOPInstanceUID), StringComparison.Ordinal);
        Assert.Equal("Müller^Anna", back.Dataset.GetString(DicomTags.PatientName));
    }

    [Fact]
    public void What_the_builder_writes_passes_dciodvfy_without_errors_and_dcmdump_parses_it()
    {
        var bytes = DermoscopicImageBuilder.Build(CorpusJpeg("JPEGwithIcon.dcm"), Request()).ToBytes(DicomTransferSyntax.JPEGBaseline8Bit);
        var temp = Path.Combine(Path.GetTempPath(), $"teleDerm-dms-{Guid.NewGuid():N}.dcm");
        try
        {
            File.WriteAllBytes(temp, bytes);

            var dciodvfy = ExternalTool.Run("dciodvfy", "dicom3tools", temp);
            var report = dciodvfy.Output + dciodvfy.Errors;
            output.WriteLine(report);
            var errors = report.Split('\n').Where(l => l.StartsWith("Error", StringComparison.Ordinal)).ToList();
            Assert.True(errors.Count == 0, string.Join('\n', errors));
            Assert.Contains("DermoscopicPhotography", report.Replace(" ", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);

            var dcmdump = ExternalTool.Run("dcmdump", "dcmtk", temp);
            Assert.True(dcmdump.ExitCode == 0, dcmdump.Errors);
            Assert.Contains("(0062,0021) UI [2.25.112233445566778899]", dcmdump.Output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    [Fact]
    public void A_progressive_or_12_bit_JPEG_is_refused()
    {
        var jpeg = CorpusJpeg("JPGExtended.dcm");

        Assert.Throws<ArgumentException>(() => DermoscopicImageBuilder.Build(jpeg, Request()));
    }
}
