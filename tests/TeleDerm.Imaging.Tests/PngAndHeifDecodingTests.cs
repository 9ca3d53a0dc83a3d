namespace TeleDerm.Imaging.Tests;

public sealed class PngAndHeifDecodingTests
{
    [Fact]
    public void A_truecolour_png_decodes_to_exactly_its_pixels()
    {
        RgbImage original = TestImages.Pattern(37, 23);
        DecodedImage decoded = ImageDecoder.Decode(PngBuilder.Rgb(original));

        Assert.Equal(ImageFormat.Png, decoded.Format);
        Assert.Equal(original.Width, decoded.Image.Width);
        Assert.Equal(original.Height, decoded.Image.Height);
        Assert.Equal(original.Pixels, decoded.Image.Pixels);
    }

    [Fact]
    public void A_greyscale_png_becomes_grey_rgb()
    {
        byte[] png = PngBuilder.Raw(3, 1, 8, 0, [[0, 128, 255]]);
        Assert.Equal(new byte[] { 0, 0, 0, 128, 128, 128, 255, 255, 255 }, ImageDecoder.Decode(png).Image.Pixels);
    }

    [Fact]
    public void A_palette_png_is_expanded_through_its_palette()
    {
        byte[] palette = [255, 0, 0, 0, 255, 0, 0, 0, 255];
        byte[] png = PngBuilder.Raw(3, 1, 8, 3, [[2, 1, 0]], ("PLTE", palette));
        Assert.Equal(new byte[] { 0, 0, 255, 0, 255, 0, 255, 0, 0 }, ImageDecoder.Decode(png).Image.Pixels);
    }

    [Fact]
    public void Transparent_pixels_lie_on_white_and_opaque_ones_keep_their_colour()
    {
        // Transparent, opaque, half transparent: a logo's background must print white, not black.
        byte[] png = PngBuilder.Raw(3, 1, 8, 6, [[10, 20, 30, 0, 40, 50, 60, 255, 0, 0, 0, 128]]);
        Assert.Equal(new byte[] { 255, 255, 255, 40, 50, 60, 127, 127, 127 }, ImageDecoder.Decode(png).Image.Pixels);
    }

    [Fact]
    public void A_palette_entry_made_transparent_by_trns_lies_on_white()
    {
        byte[] palette = [255, 0, 0, 0, 255, 0];
        byte[] png = PngBuilder.Raw(2, 1, 8, 3, [[0, 1]], ("PLTE", palette), ("tRNS", [0]));
        Assert.Equal(new byte[] { 255, 255, 255, 0, 255, 0 }, ImageDecoder.Decode(png).Image.Pixels);
    }

    [Fact]
    public void Grey_with_alpha_lies_on_white()
    {
        byte[] png = PngBuilder.Raw(2, 1, 8, 4, [[0, 0, 0, 255]]);
        Assert.Equal(new byte[] { 255, 255, 255, 0, 0, 0 }, ImageDecoder.Decode(png).Image.Pixels);
    }

    [Fact]
    public void Sixteen_bit_samples_are_reduced_to_eight_bits()
    {
        byte[] png = PngBuilder.Raw(1, 1, 16, 2, [[0xFF, 0xFF, 0x80, 0x00, 0x00, 0x00]]);
        byte[] pixel = ImageDecoder.Decode(png).Image.Pixels;
        Assert.Equal(255, pixel[0]);
        Assert.InRange(pixel[1], 127, 128);
        Assert.Equal(0, pixel[2]);
    }

    [Fact]
    public void A_heic_made_by_heif_enc_decodes_to_the_source_size_and_colours()
    {
        // heif-enc comes with libheif-examples; the HEVC encoding is lossy, so colours are compared on average.
        string heifEnc = ExternalTool.Require("heif-enc", "libheif-examples");
        string cjpeg = ExternalTool.Require("cjpeg", "libjpeg-turbo-progs");
        using var temp = new TempDirectory();
        RgbImage original = TestImages.Pattern(320, 240);
        File.WriteAllBytes(temp.File("source.ppm"), Netpbm.WritePpm(original));
        File.WriteAllBytes(temp.File("source.jpg"), ExternalTool.RunForBytes(cjpeg, "-quality", "98", temp.File("source.ppm")));
        ExternalTool.RunForBytes(heifEnc, "-q", "95", temp.File("source.jpg"), "-o", temp.File("photo.heic"));

        DecodedImage decoded = ImageDecoder.DecodeFile(temp.File("photo.heic"));

        Assert.Equal(ImageFormat.Heif, decoded.Format);
        Assert.Equal(320, decoded.Image.Width);
        Assert.Equal(240, decoded.Image.Height);
        double meanError = decoded.Image.Pixels.Zip(original.Pixels, (a, b) => Math.Abs(a - b)).Average();
        Assert.True(meanError < 12, $"mean absolute error {meanError:F2}");
    }

    [Fact]
    public void A_truncated_heic_is_refused_with_a_heif_error()
    {
        string heifEnc = ExternalTool.Require("heif-enc", "libheif-examples");
        using var temp = new TempDirectory();
        File.WriteAllBytes(temp.File("source.png"), PngBuilder.Rgb(TestImages.Pattern(128, 96)));
        ExternalTool.RunForBytes(heifEnc, "-q", "80", temp.File("source.png"), "-o", temp.File("photo.heic"));
        byte[] heic = File.ReadAllBytes(temp.File("photo.heic"));

        foreach (int length in new[] { 40, heic.Length / 2, heic.Length - 10 })
        {
            ImageDecodeException error = Assert.Throws<ImageDecodeException>(() => ImageDecoder.Decode(heic[..length]));
            Assert.Contains(error.Reason, new[] { ImageDecodeFailure.Truncated, ImageDecodeFailure.Corrupt });
            Assert.StartsWith("HEIF error", error.Message);
        }
    }
}
