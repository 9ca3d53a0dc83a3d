using System.Buffers.Binary;
using TeleDerm.Imaging.Exif;

namespace TeleDerm.Imaging.Tests;

public sealed class ExifOrientationTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Every_orientation_value_is_read_in_both_byte_orders(bool littleEndian)
    {
        for (ushort value = 1; value <= 8; value++)
        {
            Assert.Equal((ExifOrientation)value, ExifOrientationReader.FromTiff(Tiff(littleEndian, value)));
        }
    }

    [Fact]
    public void Malformed_exif_is_ignored_and_means_normal_orientation()
    {
        byte[] good = Tiff(true, 6);
        Assert.Equal(ExifOrientation.Normal, ExifOrientationReader.FromTiff(good[..12]));          // IFD cut short
        Assert.Equal(ExifOrientation.Normal, ExifOrientationReader.FromTiff([.. "XX"u8, .. good[2..]])); // bad byte order
        Assert.Equal(ExifOrientation.Normal, ExifOrientationReader.FromTiff(Tiff(true, 9)));       // out of range
        Assert.Equal(ExifOrientation.Normal, ExifOrientationReader.FromTiff(Tiff(true, 0)));
        byte[] badOffset = (byte[])good.Clone();
        BinaryPrimitives.WriteUInt32LittleEndian(badOffset.AsSpan(4), 0xFFFFFFF0);
        Assert.Equal(ExifOrientation.Normal, ExifOrientationReader.FromTiff(badOffset));
        Assert.Equal(ExifOrientation.Normal, ExifOrientationReader.FromTiff([]));
    }

    [Fact]
    public void A_jpeg_with_broken_exif_still_decodes_unrotated()
    {
        byte[] jpeg = WithApp1(TestImages.FirstDermoscopyJpeg(), [.. "Exif\0\0"u8, .. "MM\0*\0\0\0\x08\xFF"u8]);
        DecodedImage decoded = ImageDecoder.Decode(jpeg);
        Assert.Equal(ExifOrientation.Normal, decoded.AppliedOrientation);
    }

    // Which stored corner ends up at the displayed top-left and top-right (TIFF 6.0 Orientation).
    [Theory]
    [InlineData(ExifOrientation.Normal, "TL", "TR")]
    [InlineData(ExifOrientation.MirrorHorizontal, "TR", "TL")]
    [InlineData(ExifOrientation.Rotate180, "BR", "BL")]
    [InlineData(ExifOrientation.MirrorVertical, "BL", "BR")]
    [InlineData(ExifOrientation.Transpose, "TL", "BL")]
    [InlineData(ExifOrientation.Rotate90Clockwise, "BL", "TL")]
    [InlineData(ExifOrientation.Transverse, "BR", "TR")]
    [InlineData(ExifOrientation.Rotate270Clockwise, "TR", "BR")]
    public void Each_orientation_puts_the_right_stored_corners_on_top(ExifOrientation orientation, string topLeft, string topRight)
    {
        RgbImage stored = Corners(5, 3);
        RgbImage shown = OrientationTransform.Apply(stored, orientation);

        bool swapped = OrientationTransform.SwapsAxes(orientation);
        Assert.Equal(swapped ? 3 : 5, shown.Width);
        Assert.Equal(swapped ? 5 : 3, shown.Height);
        Assert.Equal(CornerColour(topLeft), shown.Pixels[0]);
        Assert.Equal(CornerColour(topRight), shown.Pixels[(shown.Width - 1) * 3]);
    }

    [Fact]
    public void A_jpeg_tagged_rotate_90_is_decoded_upright()
    {
        byte[] plain = TestImages.FirstDermoscopyJpeg();
        RgbImage stored = ImageDecoder.Decode(plain).Image;
        byte[] tagged = WithApp1(plain, [.. "Exif\0\0"u8, .. Tiff(false, 6)]);

        DecodedImage decoded = ImageDecoder.Decode(tagged);

        Assert.Equal(ExifOrientation.Rotate90Clockwise, decoded.AppliedOrientation);
        Assert.Equal(OrientationTransform.Apply(stored, ExifOrientation.Rotate90Clockwise).Pixels, decoded.Image.Pixels);
    }

    [Fact]
    public void A_requested_size_is_measured_on_the_upright_image_when_choosing_the_dct_scale()
    {
        string cjpeg = ExternalTool.Require("cjpeg", "libjpeg-turbo-progs");
        using var temp = new TempDirectory();
        File.WriteAllBytes(temp.File("p.ppm"), Netpbm.WritePpm(TestImages.Pattern(2000, 1500)));
        byte[] tagged = WithApp1(ExternalTool.RunForBytes(cjpeg, temp.File("p.ppm")), [.. "Exif\0\0"u8, .. Tiff(true, 6)]);

        // Upright the photo is 1500×2000; 180×240 is covered by 1/8 (188×250 upright).
        RgbImage image = ImageDecoder.Decode(tagged, new DecodeOptions { AtLeast = new ImageSize(180, 240) }).Image;
        Assert.Equal((188, 250), (image.Width, image.Height));

        // 240×180 upright is not covered by 1/8 (188 < 240), so 1/4 is used: 375×500 upright.
        image = ImageDecoder.Decode(tagged, new DecodeOptions { AtLeast = new ImageSize(240, 180) }).Image;
        Assert.Equal((375, 500), (image.Width, image.Height));
    }

    [Fact]
    public void A_png_with_an_exif_chunk_is_decoded_upright()
    {
        RgbImage stored = TestImages.Pattern(6, 4);
        byte[] png = PngBuilder.Rgb(stored, ("eXIf", Tiff(true, 8)));

        DecodedImage decoded = ImageDecoder.Decode(png);

        Assert.Equal(ExifOrientation.Rotate270Clockwise, decoded.AppliedOrientation);
        Assert.Equal(4, decoded.Image.Width);
        Assert.Equal(OrientationTransform.Apply(stored, ExifOrientation.Rotate270Clockwise).Pixels, decoded.Image.Pixels);
    }

    /// <summary>A TIFF header and an IFD0 with two entries, Orientation second.</summary>
    internal static byte[] Tiff(bool littleEndian, ushort orientation)
    {
        var tiff = new byte[8 + 2 + (2 * 12) + 4];
        void U16(int at, ushort v) { if (littleEndian) BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(at), v); else BinaryPrimitives.WriteUInt16BigEndian(tiff.AsSpan(at), v); }
        void U32(int at, uint v) { if (littleEndian) BinaryPrimitives.WriteUInt32LittleEndian(tiff.AsSpan(at), v); else BinaryPrimitives.WriteUInt32BigEndian(tiff.AsSpan(at), v); }
        tiff[0] = tiff[1] = (byte)(littleEndian ? 'I' : 'M');
        U16(2, 42);
        U32(4, 8);
        U16(8, 2);
        U16(10, 0x010F); U16(12, 2); U32(14, 4); tiff[18] = (byte)'A'; // Make = "A" (ASCII, inline)
        U16(22, 0x0112); U16(24, 3); U32(26, 1); U16(30, orientation);
        return tiff;
    }

    internal static byte[] WithApp1(byte[] jpeg, byte[] payload)
    {
        byte[] segment = [0xFF, 0xE1, (byte)((payload.Length + 2) >> 8), (byte)(payload.Length + 2), .. payload];
        return [.. jpeg[..2], .. segment, .. jpeg[2..]];
    }

    private static byte CornerColour(string corner) => corner switch { "TL" => 10, "TR" => 20, "BL" => 30, "BR" => 40, _ => 0 };

    private static RgbImage Corners(int width, int height)
    {
        RgbImage image = TestImages.Solid(width, height, 0, 0, 0);
        image.Pixels[0] = 10;
        image.Pixels[(width - 1) * 3] = 20;
        image.Pixels[(height - 1) * width * 3] = 30;
        image.Pixels[((height * width) - 1) * 3] = 40;
        return image;
    }
}
