using TeleDerm.Dicom;
using TeleDerm.Web.Features.Images;

namespace TeleDerm.Web.Tests.Images;

/// <summary>The one reading of a stored native frame as pixels (viewer, report and scoring use it): malformed headers give no pixels.</summary>
public sealed class StoredFramesTests
{
    private static DicomDataset Header(int rows, int columns, string photometric = "RGB", ushort samples = 3, ushort bits = 8) =>
        new DicomDataset()
            .SetUInt16(DicomTags.Rows, (ushort)rows)
            .SetUInt16(DicomTags.Columns, (ushort)columns)
            .SetString(DicomTags.PhotometricInterpretation, photometric)
            .SetUInt16(DicomTags.SamplesPerPixel, samples)
            .SetUInt16(DicomTags.BitsAllocated, bits);

    [Fact]
    public void An_RGB_frame_becomes_pixels_of_the_headers_size_and_padding_is_dropped()
    {
        var frame = Enumerable.Range(0, 2 * 3 * 3 + 1).Select(i => (byte)i).ToArray();

        var rgb = StoredFrames.NativeRgb(Header(rows: 2, columns: 3), frame);

        Assert.NotNull(rgb);
        Assert.Equal((3, 2), (rgb.Width, rgb.Height));
        Assert.Equal(frame[..18], rgb.Pixels);
    }

    [Theory]
    [InlineData(2, 3, "MONOCHROME2", 3, 8, 18)]
    [InlineData(2, 3, "RGB", 1, 8, 18)]
    [InlineData(2, 3, "RGB", 3, 16, 36)]
    [InlineData(2, 3, "RGB", 3, 8, 17)]
    [InlineData(0, 3, "RGB", 3, 8, 18)]
    [InlineData(65535, 65535, "RGB", 3, 8, 18)]
    public void A_frame_that_is_not_what_its_header_says_gives_no_pixels(int rows, int columns, string photometric, ushort samples, ushort bits, int length)
    {
        Assert.Null(StoredFrames.NativeRgb(Header(rows, columns, photometric, samples, bits), new byte[length]));
    }

    [Fact]
    public void A_JPEG_frame_is_recognised_by_its_start_marker()
    {
        Assert.True(StoredFrames.IsJpeg([0xFF, 0xD8, 0xFF, 0xE0]));
        Assert.False(StoredFrames.IsJpeg([0xFF, 0xD8]));
        Assert.False(StoredFrames.IsJpeg([0x00, 0xD8, 0xFF]));
    }
}
