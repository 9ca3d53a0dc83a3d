namespace TeleDerm.Imaging.Tests;

/// <summary>Hostile and broken files are refused with a specific reason, never a crash.</summary>
public sealed class MalformedInputTests
{
    private static ImageDecodeException Refused(byte[] data, DecodeOptions? options = null) =>
        Assert.Throws<ImageDecodeException>(() => ImageDecoder.Decode(data, options));

    [Fact]
    public void An_empty_file_is_not_an_image()
    {
        ImageDecodeException error = Refused([]);
        Assert.Equal(ImageDecodeFailure.NotAnImage, error.Reason);
        Assert.Contains("empty", error.Message);
    }

    [Fact]
    public void A_text_file_named_jpg_is_not_an_image()
    {
        using var temp = new TempDirectory();
        string path = temp.File("lesion.jpg");
        File.WriteAllText(path, "Patient notes: lesion on the left forearm, 6 mm.\n");

        ImageDecodeException error = Assert.Throws<ImageDecodeException>(() => ImageDecoder.DecodeFile(path));
        Assert.Equal(ImageDecodeFailure.NotAnImage, error.Reason);
        Assert.Contains("not a JPEG, PNG or HEIC", error.Message);
    }

    [Fact]
    public void A_gif_is_an_unsupported_format()
    {
        ImageDecodeException error = Refused("GIF89a\x01\0\x01\0\0\0\0;"u8.ToArray());
        Assert.Equal(ImageDecodeFailure.UnsupportedFormat, error.Reason);
        Assert.Contains("GIF", error.Message);
    }

    [Fact]
    public void A_truncated_jpeg_is_refused_as_truncated()
    {
        byte[] jpeg = TestImages.FirstDermoscopyJpeg();
        ImageDecodeException error = Refused(jpeg[..(jpeg.Length / 2)]);
        Assert.Equal(ImageDecodeFailure.Truncated, error.Reason);
        Assert.StartsWith("JPEG error", error.Message);
    }

    [Fact]
    public void A_jpeg_cut_inside_its_header_is_refused()
    {
        byte[] jpeg = TestImages.FirstDermoscopyJpeg();
        ImageDecodeException error = Refused(jpeg[..40]);
        Assert.Contains(error.Reason, new[] { ImageDecodeFailure.Truncated, ImageDecodeFailure.Corrupt });
    }

    [Fact]
    public void A_jpeg_with_garbage_in_its_tables_is_refused_as_corrupt()
    {
        byte[] jpeg = TestImages.FirstDermoscopyJpeg();
        for (int i = 4; i < 300 && i < jpeg.Length; i++)
        {
            jpeg[i] = (byte)(i * 37);
        }

        ImageDecodeException error = Refused(jpeg);
        Assert.Contains(error.Reason, new[] { ImageDecodeFailure.Corrupt, ImageDecodeFailure.Truncated });
        Assert.StartsWith("JPEG error", error.Message);
    }

    [Fact]
    public void Junk_after_a_jpeg_start_marker_is_refused_as_corrupt()
    {
        byte[] junk = [0xFF, 0xD8, 0xFF, .. System.Text.Encoding.ASCII.GetBytes(new string('x', 500))];
        ImageDecodeException error = Refused(junk);
        Assert.Equal(ImageDecodeFailure.Corrupt, error.Reason);
    }

    [Fact]
    public void A_jpeg_frame_header_with_zero_dimensions_is_refused_as_corrupt()
    {
        byte[] jpeg = TestImages.FirstDermoscopyJpeg();
        int sof = FindStartOfFrame(jpeg);
        // SOF payload: length(2) precision(1) height(2) width(2)
        jpeg[sof + 5] = jpeg[sof + 6] = jpeg[sof + 7] = jpeg[sof + 8] = 0;

        ImageDecodeException error = Refused(jpeg);
        Assert.Equal(ImageDecodeFailure.Corrupt, error.Reason);
    }

    [Fact]
    public void A_jpeg_larger_than_the_configured_pixel_limit_is_refused_before_decoding()
    {
        ImageDecodeException error = Refused(TestImages.FirstDermoscopyJpeg(), new DecodeOptions { Limits = new DecodeLimits { MaxPixels = 10_000 } });
        Assert.Equal(ImageDecodeFailure.TooLarge, error.Reason);
        Assert.Contains("limit is 10000 pixels", error.Message);
    }

    [Fact]
    public void A_file_larger_than_the_configured_byte_limit_is_refused()
    {
        ImageDecodeException error = Refused(TestImages.FirstDermoscopyJpeg(), new DecodeOptions { Limits = new DecodeLimits { MaxInputBytes = 100 } });
        Assert.Equal(ImageDecodeFailure.TooLarge, error.Reason);
    }

    [Fact]
    public void A_png_declaring_60000_by_60000_pixels_is_refused_before_any_pixel_buffer_is_allocated()
    {
        byte[] bomb = PngBuilder.HeaderOnly(60_000, 60_000);
        ImageDecoder.Decode(PngBuilder.Rgb(TestImages.Solid(2, 2, 1, 2, 3))); // load the library outside the measurement

        long before = GC.GetAllocatedBytesForCurrentThread();
        ImageDecodeException error = Refused(bomb);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(ImageDecodeFailure.TooLarge, error.Reason);
        Assert.Contains("60000×60000", error.Message);
        Assert.True(allocated < 1_000_000, $"{allocated} bytes were allocated while refusing the bomb.");
    }

    [Fact]
    public void A_png_within_the_dimension_limits_but_over_the_pixel_limit_is_refused()
    {
        ImageDecodeException error = Refused(PngBuilder.HeaderOnly(20_000, 20_000));
        Assert.Equal(ImageDecodeFailure.TooLarge, error.Reason);
        Assert.Contains("100000000 pixels", error.Message);
    }

    [Fact]
    public void A_truncated_png_is_refused_as_truncated()
    {
        byte[] png = PngBuilder.Rgb(TestImages.Pattern(64, 48));
        ImageDecodeException error = Refused(png[..(png.Length / 2)]);
        Assert.Equal(ImageDecodeFailure.Truncated, error.Reason);
        Assert.StartsWith("PNG error", error.Message);
    }

    [Fact]
    public void A_png_with_a_damaged_chunk_is_refused_as_corrupt()
    {
        byte[] png = PngBuilder.Rgb(TestImages.Pattern(64, 48));
        png[png.Length / 2] ^= 0xFF; // inside IDAT: the CRC no longer matches

        ImageDecodeException error = Refused(png);
        Assert.Equal(ImageDecodeFailure.Corrupt, error.Reason);
        Assert.StartsWith("PNG error", error.Message);
    }

    [Fact]
    public void A_png_cut_inside_its_signature_is_refused_as_truncated()
    {
        Assert.Equal(ImageDecodeFailure.Truncated, Refused(PngBuilder.Signature[..5]).Reason);
    }

    [Fact]
    public void A_heif_container_with_garbage_after_its_file_type_box_is_refused_as_corrupt()
    {
        byte[] heif = [0, 0, 0, 0x18, .. "ftypheic"u8, 0, 0, 0, 0, .. "mif1heic"u8, .. new byte[200].Select((_, i) => (byte)(i * 13))];
        ImageDecodeException error = Refused(heif);
        Assert.Contains(error.Reason, new[] { ImageDecodeFailure.Corrupt, ImageDecodeFailure.Truncated });
        Assert.StartsWith("HEIF error", error.Message);
    }

    [Fact]
    public void An_iso_media_file_that_is_not_heif_is_an_unsupported_format()
    {
        byte[] mp4 = [0, 0, 0, 0x18, .. "ftypisom"u8, 0, 0, 0, 0, .. "isomavc1"u8];
        Assert.Equal(ImageDecodeFailure.UnsupportedFormat, Refused(mp4).Reason);
    }

    internal static int FindStartOfFrame(byte[] jpeg)
    {
        int pos = 2;
        while (pos + 4 < jpeg.Length)
        {
            byte marker = jpeg[pos + 1];
            if (marker is 0xC0 or 0xC1 or 0xC2)
            {
                return pos;
            }

            pos += 2 + ((jpeg[pos + 2] << 8) | jpeg[pos + 3]);
        }

        throw new InvalidOperationException("No SOF marker.");
    }
}
