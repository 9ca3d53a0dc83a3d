using TeleDerm.Dicom.IO;
using TeleDerm.Dicom.Tests.Support;

namespace TeleDerm.Dicom.Tests.Reading;

public sealed class PixelDataReadingTests
{
    [Fact]
    public void Basic_offset_table_and_one_fragment_per_frame_are_read()
    {
        var ds = DicomFile.Open(Corpus.PathOf("encapsulated_multi-frame_CT0012.not_fragmented_bot_rle.dcm")).Dataset;

        var pixels = Assert.IsType<DicomFragmentSequence>(ds.GetItem(DicomTags.PixelData));
        Assert.Equal([0u, 105022u], pixels.BasicOffsetTable);
        Assert.Equal([105014L, 93648L], pixels.Fragments.Select(f => f.Length));
        Assert.Equal(93648, DicomPixelData.GetEncapsulatedFrame(ds, 1).Length);
    }

    [Fact]
    public void Frames_split_over_several_fragments_without_offset_table_are_kept_as_fragments()
    {
        var ds = DicomFile.Open(Corpus.PathOf("encapsulated_multi-frame_IM00001.fragmented_no_bot_jpeg_baseline.50.dcm")).Dataset;

        var pixels = Assert.IsType<DicomFragmentSequence>(ds.GetItem(DicomTags.PixelData));
        Assert.Empty(pixels.BasicOffsetTable);
        Assert.Equal(44, pixels.Fragments.Count);
        Assert.Throws<DicomFormatException>(() => DicomPixelData.GetEncapsulatedFrame(ds, 0));
    }

    [Fact]
    public void The_extended_offset_table_locates_frames()
    {
        var ds = new DicomDataset();
        ds.SetString(DicomTags.NumberOfFrames, "2");
        DicomPixelData.SetEncapsulatedFrames(ds, [[1, 2, 3, 4], [5, 6]]);
        // Offsets count from the first fragment's item tag: 0, then 8 + 4.
        ds.SetBytes(DicomTags.ExtendedOffsetTable, DicomVR.OV, [0, 0, 0, 0, 0, 0, 0, 0, 12, 0, 0, 0, 0, 0, 0, 0]);
        ds.SetBytes(DicomTags.ExtendedOffsetTableLengths, DicomVR.OV, [4, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0]);

        Assert.Equal([1, 2, 3, 4], DicomPixelData.GetEncapsulatedFrame(ds, 0));
        Assert.Equal([5], DicomPixelData.GetEncapsulatedFrame(ds, 1));
    }

    [Fact]
    public void Lazy_pixel_data_is_read_only_when_asked_for()
    {
        var file = DicomFile.Open(Corpus.PathOf("MR_small.dcm"), new DicomReaderOptions { LazyPixelData = true });

        var pixels = (DicomElement)file.Dataset.GetItem(DicomTags.PixelData)!;
        Assert.False(pixels.Buffer.IsLoaded);
        Assert.Equal(8192, pixels.Length);
        var eager = (DicomElement)DicomFile.Open(Corpus.PathOf("MR_small.dcm")).Dataset.GetItem(DicomTags.PixelData)!;
        Assert.True(pixels.Buffer.GetBytes().Span.SequenceEqual(eager.Buffer.GetBytes().Span));
        Assert.True(pixels.Buffer.IsLoaded);
    }

    [Fact]
    public void Lazy_big_endian_pixel_data_is_swapped_when_read()
    {
        var lazy = (DicomElement)DicomFile.Read(Corpus.Bytes("MR_small_bigendian.dcm"), new DicomReaderOptions { LazyPixelData = true }).Dataset.GetItem(DicomTags.PixelData)!;
        var eager = (DicomElement)DicomFile.Open(Corpus.PathOf("MR_small.dcm")).Dataset.GetItem(DicomTags.PixelData)!;

        Assert.True(lazy.Buffer.GetBytes().Span.SequenceEqual(eager.Buffer.GetBytes().Span));
    }

    [Fact]
    public void Lazy_fragments_are_read_on_demand()
    {
        var file = DicomFile.Open(Corpus.PathOf("SC_rgb_jpeg_dcmtk.dcm"), new DicomReaderOptions { LazyPixelData = true });

        var pixels = (DicomFragmentSequence)file.Dataset.GetItem(DicomTags.PixelData)!;
        var fragment = Assert.Single(pixels.Fragments);
        Assert.False(fragment.IsLoaded);
        Assert.Equal([0xFF, 0xD8], fragment.GetBytes()[..2].ToArray());
    }

    [Fact]
    public void Header_only_reading_stops_before_pixel_data()
    {
        var file = DicomFile.Open(Corpus.PathOf("CT_small.dcm"), new DicomReaderOptions { HeaderOnly = true });

        Assert.True(file.ReadResult!.StoppedAtPixelData);
        Assert.False(file.Dataset.Contains(DicomTags.PixelData));
        Assert.Equal("CompressedSamples^CT1", file.Dataset.GetString(DicomTags.PatientName));
    }

    [Fact]
    public void Header_only_reading_ignores_a_truncated_pixel_data_value()
    {
        var file = DicomFile.Open(Corpus.PathOf("MR_truncated.dcm"), new DicomReaderOptions { HeaderOnly = true });

        Assert.Equal(64, file.Dataset.GetInt(DicomTags.Rows));
    }

    [Fact]
    public void Header_only_reading_keeps_the_pixel_data_of_an_icon_inside_a_sequence()
    {
        var file = DicomFile.Open(Corpus.PathOf("JPEGwithIcon.dcm"), new DicomReaderOptions { HeaderOnly = true });

        Assert.True(file.Dataset.GetSequence(DicomTags.IconImageSequence)!.Items[0].Contains(DicomTags.PixelData));
        Assert.False(file.Dataset.Contains(DicomTags.PixelData));
    }

    [Fact]
    public void The_icon_image_inside_a_sequence_keeps_its_own_pixel_data()
    {
        var ds = DicomFile.Open(Corpus.PathOf("JPEGwithIcon.dcm")).Dataset;

        var icon = ds.GetSequence(DicomTags.IconImageSequence)!.Items[0];
        Assert.True(icon.Contains(DicomTags.PixelData));
        Assert.IsType<DicomFragmentSequence>(ds.GetItem(DicomTags.PixelData));
    }
}
