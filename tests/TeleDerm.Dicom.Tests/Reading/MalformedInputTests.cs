using System.IO.Compression;
using TeleDerm.Dicom.IO;
using TeleDerm.Dicom.Tests.Support;

namespace TeleDerm.Dicom.Tests.Reading;

/// <summary>Every malformed input raises DicomFormatException with the offset and a specific reason.</summary>
public sealed class MalformedInputTests
{
    private static DicomFormatException ReadFails(byte[] bytes, DicomReaderOptions? options = null) =>
        Assert.Throws<DicomFormatException>(() => DicomFile.Read(bytes, options));

    [Fact]
    public void Reading_a_truncated_file_reports_the_offset_of_the_element_cut_short()
    {
        var bytes = Corpus.Bytes("CT_small.dcm");

        var error = ReadFails(bytes[..5000]);

        Assert.InRange(error.Offset, 3000, 5000);
        Assert.True(error.Reason.Contains("exceeds", StringComparison.Ordinal) || error.Reason.Contains("truncated", StringComparison.Ordinal), error.Reason);
    }

    [Fact]
    public void Reading_a_file_cut_inside_an_element_header_says_it_is_truncated()
    {
        var bytes = DicomBytes.Part10().Explicit(0x0010, 0x0010, "PN", "A^B ").Tag(0x0010, 0x0020).Ascii("L").ToArray();

        var error = ReadFails(bytes);

        Assert.Contains("truncated", error.Reason, StringComparison.Ordinal);
        Assert.Equal(bytes.Length - 1, error.Offset);
    }

    [Fact]
    public void A_value_length_beyond_the_end_of_the_file_is_reported_before_allocating()
    {
        var bytes = DicomBytes.Part10().ExplicitHeader(0x0010, 0x0010, "PN", 200).Ascii("A^B ").ToArray();

        var error = ReadFails(bytes);

        Assert.Contains("value length 200 of (0010,0010) exceeds the 4 bytes that remain", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_absurd_declared_length_of_gigabytes_is_rejected()
    {
        var bytes = DicomBytes.Part10().ExplicitHeader(0x7FE0, 0x0010, "OB", 0xFFFFFFF0).Raw(new byte[16]).ToArray();

        var error = ReadFails(bytes);

        Assert.Contains("4294967280", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_of_four_gigabytes_in_a_file_that_large_is_refused_without_allocating()
    {
        var header = DicomBytes.Part10().ExplicitHeader(0x7FE0, 0x0010, "OB", 0xFFFFFFF0).ToArray();
        using var huge = new SparseStream(header, 5L << 30);

        var error = Assert.Throws<DicomFormatException>(() => DicomFile.Read(huge));

        Assert.Contains("larger than one value can be held in memory", error.Reason, StringComparison.Ordinal);
    }

    /// <summary>A seekable stream of the given length: the header bytes, then zeros.</summary>
    private sealed class SparseStream(byte[] header, long length) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => true;
        public override bool CanWrite => false;
        public override long Length => length;
        public override long Position { get; set; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - Position);
            for (var i = 0; i < n; i++)
                buffer[offset + i] = Position + i < header.Length ? header[Position + i] : (byte)0;
            Position += n;
            return n;
        }

        public override long Seek(long offset, SeekOrigin origin) =>
            Position = origin switch { SeekOrigin.Begin => offset, SeekOrigin.Current => Position + offset, _ => length + offset };

        public override void Flush() { }
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    [Fact]
    public void A_VR_that_is_not_two_letters_is_rejected()
    {
        var bytes = DicomBytes.Part10().Explicit(0x0008, 0x0060, "CS", "OT").Tag(0x0010, 0x0010).Raw([0x01, 0x02]).UInt16(0).ToArray();

        var error = ReadFails(bytes);

        Assert.Contains("invalid VR bytes 01 02", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_VR_is_rejected()
    {
        var bytes = DicomBytes.Part10().ExplicitHeader(0x0010, 0x0010, "QQ", 0).ToArray();

        Assert.Contains("unknown VR 'QQ'", ReadFails(bytes).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sequence_of_undefined_length_that_never_closes_is_rejected()
    {
        var bytes = DicomBytes.Part10()
            .ExplicitHeader(0x0008, 0x1115, "SQ", 0xFFFFFFFF)
            .Item(0xFFFFFFFF).Explicit(0x0008, 0x1150, "UI", "1.2\0").ItemDelimitation()
            .ToArray();

        Assert.Contains("never closes", ReadFails(bytes).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_item_of_undefined_length_that_never_closes_is_rejected()
    {
        var bytes = DicomBytes.Part10()
            .ExplicitHeader(0x0008, 0x1115, "SQ", 0xFFFFFFFF)
            .Item(0xFFFFFFFF).Explicit(0x0008, 0x1150, "UI", "1.2\0")
            .ToArray();

        Assert.Contains("never closes", ReadFails(bytes).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_item_of_undefined_length_inside_a_defined_length_sequence_must_close_within_it()
    {
        var item = new DicomBytes().Item(0xFFFFFFFF).Explicit(0x0008, 0x1150, "UI", "1.2\0").ToArray();
        var bytes = DicomBytes.Part10()
            .ExplicitHeader(0x0008, 0x1115, "SQ", (uint)item.Length).Raw(item)
            .Explicit(0x0010, 0x0020, "LO", "ID")
            .ToArray();

        Assert.Contains("never closes", ReadFails(bytes).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Something_other_than_an_item_inside_a_sequence_is_rejected()
    {
        var bytes = DicomBytes.Part10()
            .ExplicitHeader(0x0008, 0x1115, "SQ", 0xFFFFFFFF)
            .Explicit(0x0008, 0x1150, "UI", "1.2\0")
            .ToArray();

        Assert.Contains("expected an Item", ReadFails(bytes).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Encapsulated_pixel_data_that_never_closes_is_rejected()
    {
        var bytes = DicomBytes.Part10("1.2.840.10008.1.2.4.50")
            .ExplicitHeader(0x7FE0, 0x0010, "OB", 0xFFFFFFFF).Item(0).Item(4).Raw([0xFF, 0xD8, 0xFF, 0xD9])
            .ToArray();

        Assert.Contains("never closes", ReadFails(bytes).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_fragment_longer_than_the_file_is_rejected()
    {
        var bytes = DicomBytes.Part10("1.2.840.10008.1.2.4.50")
            .ExplicitHeader(0x7FE0, 0x0010, "OB", 0xFFFFFFFF).Item(0).Item(1000).Raw([0xFF, 0xD8])
            .ToArray();

        Assert.Contains("fragment length 1000 exceeds", ReadFails(bytes).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Sequences_nested_deeper_than_the_limit_are_rejected()
    {
        var builder = DicomBytes.Part10();
        for (var i = 0; i < 100; i++)
            builder.ExplicitHeader(0x0008, 0x1115, "SQ", 0xFFFFFFFF).Item(0xFFFFFFFF);
        var bytes = builder.ToArray();

        var error = ReadFails(bytes, new DicomReaderOptions { MaxSequenceDepth = 16 });

        Assert.Contains("nested deeper than 16", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_transfer_syntax_in_the_meta_information_is_rejected()
    {
        var bytes = new DicomBytes().Raw(new byte[128]).Ascii("DICM")
            .Explicit(0x0002, 0x0002, "UI", "1.2.840.10008.5.1.4.1.1.7\0")
            .Explicit(0x0008, 0x0060, "CS", "OT")
            .ToArray();

        Assert.Contains("no Transfer Syntax UID", ReadFails(bytes).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_deflate_bomb_is_stopped_at_the_inflation_limit()
    {
        using var compressed = new MemoryStream();
        using (var deflate = new DeflateStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var zeros = new byte[1 << 20];
            for (var i = 0; i < 64; i++)
                deflate.Write(zeros);
        }

        var bytes = DicomBytes.Part10("1.2.840.10008.1.2.1.99").Raw(compressed.ToArray()).ToArray();

        var error = ReadFails(bytes, new DicomReaderOptions { MaxInflatedBytes = 8 << 20 });

        Assert.Contains("exceeds the limit of 8388608 bytes", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Deflated_data_that_is_not_deflate_is_rejected()
    {
        var bytes = DicomBytes.Part10("1.2.840.10008.1.2.1.99").Raw([0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0x12]).ToArray();

        Assert.Contains("not valid deflate data", ReadFails(bytes).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_DICOM_at_all_is_rejected()
    {
        var error = ReadFails("%PDF-1.7 this is not a DICOM file at all"u8.ToArray());

        Assert.Contains("not DICOM", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_file_is_rejected()
    {
        ReadFails([]);
    }

    [Fact]
    public void A_missing_file_is_reported_as_a_format_error_with_its_path()
    {
        var error = Assert.Throws<DicomFormatException>(() => DicomFile.Open("/nonexistent/x.dcm"));

        Assert.Contains("/nonexistent/x.dcm", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Odd_value_lengths_are_tolerated()
    {
        var bytes = DicomBytes.Part10().Explicit(0x0010, 0x0010, "PN", "Odd^Name").Explicit(0x0010, 0x0020, "LO", "ABC").ToArray();

        var ds = DicomFile.Read(bytes).Dataset;

        Assert.Equal("ABC", ds.GetString(DicomTags.PatientID));
    }

    [Fact]
    public void A_dataset_declared_explicit_but_encoded_implicit_is_read_as_implicit()
    {
        var bytes = DicomBytes.Part10().Tag(0x0010, 0x0020).UInt32(4).Ascii("ID01").ToArray();

        var file = DicomFile.Read(bytes);

        Assert.Equal("ID01", file.Dataset.GetString(DicomTags.PatientID));
        Assert.NotEmpty(file.ReadResult!.Warnings);
    }
}
