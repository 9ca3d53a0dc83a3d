using TeleDerm.Dicom.Tests.Support;

namespace TeleDerm.Dicom.Tests.Reading;

public sealed class TransferSyntaxReadingTests
{
    [Theory]
    [InlineData("MR_small.dcm", "1.2.840.10008.1.2.1")]
    [InlineData("MR_small_implicit.dcm", "1.2.840.10008.1.2")]
    [InlineData("MR_small_bigendian.dcm", "1.2.840.10008.1.2.2")]
    public void The_same_image_reads_alike_in_explicit_implicit_and_big_endian(string name, string transferSyntax)
    {
        var file = DicomFile.Open(Corpus.PathOf(name));

        Assert.Equal(transferSyntax, file.ReadResult!.TransferSyntax.Uid.Value);
        var ds = file.Dataset;
        Assert.Equal("CompressedSamples^MR1", ds.GetString(DicomTags.PatientName));
        Assert.Equal(64, ds.GetInt("Rows"));
        Assert.Equal([0.3125, 0.3125], ds.GetDoubles(DicomTags.PixelSpacing));
        Assert.Equal(new DateOnly(2004, 8, 26), ds.GetDate(DicomTags.StudyDate));
        Assert.Equal(DicomVR.SS, ds.GetItem(DicomTags.SmallestImagePixelValue)!.VR);
        Assert.Equal(8192, ((DicomElement)ds.GetItem(DicomTags.PixelData)!).Length);
    }

    [Fact]
    public void Big_endian_pixel_data_is_converted_to_little_endian()
    {
        var little = (DicomElement)DicomFile.Open(Corpus.PathOf("MR_small.dcm")).Dataset.GetItem(DicomTags.PixelData)!;
        var big = (DicomElement)DicomFile.Open(Corpus.PathOf("MR_small_bigendian.dcm")).Dataset.GetItem(DicomTags.PixelData)!;

        Assert.True(little.Buffer.GetBytes().Span.SequenceEqual(big.Buffer.GetBytes().Span));
    }

    [Theory]
    [InlineData("image_dfl.dcm", "1.2.840.10008.1.2.1.99")]
    [InlineData("liver_deflate.dcm", "1.2.840.10008.1.2.8.1")]
    public void Deflated_datasets_are_inflated_and_read(string name, string transferSyntax)
    {
        var file = DicomFile.Open(Corpus.PathOf(name));

        Assert.Equal(transferSyntax, file.ReadResult!.TransferSyntax.Uid.Value);
        Assert.NotNull(file.Dataset.GetString(DicomTags.SOPInstanceUID));
        Assert.True(file.Dataset.Contains(DicomTags.PixelData));
    }

    [Fact]
    public void A_dataset_without_preamble_or_meta_information_is_detected()
    {
        var file = DicomFile.Open(Corpus.PathOf("no_meta.dcm"));

        Assert.False(file.ReadResult!.HasFileMetaInformation);
        Assert.Equal(DicomTransferSyntax.ExplicitVRLittleEndian, file.ReadResult.TransferSyntax);
        Assert.Equal("CompressedSamples^CT1", file.Dataset.GetString("PatientName"));
        Assert.Equal(0, file.FileMetaInformation.Count);
    }

    [Fact]
    public void File_meta_information_is_kept_apart_from_the_dataset()
    {
        var file = DicomFile.Open(Corpus.PathOf("CT_small.dcm"));

        Assert.Equal("1.2.840.10008.1.2.1", file.FileMetaInformation.GetString(DicomTags.TransferSyntaxUID));
        Assert.False(file.Dataset.Contains(DicomTags.TransferSyntaxUID));
        Assert.Equal(file.FileMetaInformation.GetString(DicomTags.MediaStorageSOPInstanceUID), file.Dataset.GetString(DicomTags.SOPInstanceUID));
    }

    [Fact]
    public void Every_corpus_file_not_marked_malformed_reads()
    {
        foreach (var path in Corpus.AllFiles().Where(p => !Corpus.Malformed.Contains(Path.GetFileName(p))))
        {
            var file = DicomFile.Open(path);
            Assert.True(file.Dataset.Count > 0, path);
        }
    }

    [Theory]
    [InlineData("MR_truncated.dcm")]
    [InlineData("rtplan_truncated.dcm")]
    [InlineData("GH364.dcm")]
    public void Corpus_files_marked_malformed_raise_DicomFormatException(string name)
    {
        var error = Assert.Throws<DicomFormatException>(() => DicomFile.Open(Corpus.PathOf(name)));
        Assert.True(error.Offset > 0);
    }
}
