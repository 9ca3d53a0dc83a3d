using TeleDerm.Dicom.Dermoscopy;
using TeleDerm.Dicom.Tests.Support;

namespace TeleDerm.Dicom.Tests.Dermoscopy;

/// <summary>Pixels that cannot become a valid instance are refused, each with its own message.</summary>
public sealed class PhotoPixelsValidationTests
{
    [Theory]
    [InlineData(10, 10, 299)]
    [InlineData(10, 10, 301)]
    [InlineData(10, 10, 100)]
    public void Native_RGB_whose_byte_count_is_not_width_times_height_times_3_is_refused(int width, int height, int count)
    {
        var error = Assert.Throws<ArgumentException>(() => PhotoPixels.FromRgb(width, height, new byte[count]));

        Assert.Equal("rgb", error.ParamName);
        Assert.StartsWith($"native RGB of 10 × 10 pixels needs 300 bytes (3 per pixel, interleaved), got {count}", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 10, "width")]
    [InlineData(-1, 10, "width")]
    [InlineData(10, 0, "height")]
    [InlineData(10, -5, "height")]
    [InlineData(65536, 1, "width")]
    public void A_size_outside_1_to_65535_is_refused(int width, int height, string name)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => PhotoPixels.FromRgb(width, height, []));

        Assert.Equal(name, error.ParamName);
        Assert.StartsWith($"{name} must be 1 to 65535 pixels", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_12_bit_extended_JPEG_is_refused_as_not_baseline()
    {
        var jpeg = DicomPixelData.GetEncapsulatedFrame(DicomFile.Open(Corpus.PathOf("JPGExtended.dcm")).Dataset, 0);

        var error = Assert.Throws<ArgumentException>(() => PhotoPixels.FromJpeg(jpeg));

        Assert.Equal("jpeg", error.ParamName);
        Assert.StartsWith("only 8-bit baseline JPEG (SOF0) fits transfer syntax 1.2.840.10008.1.2.4.50; this one is precision 12, baseline False", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_progressive_JPEG_is_refused_as_not_baseline()
    {
        var jpeg = SkinPhotos.Jpeg();
        var sof = jpeg.AsSpan().IndexOf((byte[])[0xFF, 0xC0]);
        var progressive = (byte[])jpeg.Clone();
        progressive[sof + 1] = 0xC2;

        var error = Assert.Throws<ArgumentException>(() => PhotoPixels.FromJpeg(progressive));

        Assert.StartsWith("only 8-bit baseline JPEG (SOF0) fits transfer syntax 1.2.840.10008.1.2.4.50; this one is precision 8, baseline False", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bytes_that_are_not_a_JPEG_are_refused()
    {
        var error = Assert.Throws<FormatException>(() => PhotoPixels.FromJpeg([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A]));

        Assert.Equal("not a JPEG: no SOI marker (FF D8)", error.Message);
    }
}
