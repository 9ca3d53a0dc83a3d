using TeleDerm.Imaging.Codecs;
using TeleDerm.Imaging.Resizing;

namespace TeleDerm.Imaging.Tests;

public sealed class ResizingAndThumbnailTests
{
    [Fact]
    public void Halving_averages_each_two_by_two_block_exactly()
    {
        var source = new RgbImage(4, 2, [
            0, 0, 0, 100, 100, 100, 10, 20, 30, 10, 20, 30,
            200, 200, 200, 100, 100, 100, 10, 20, 30, 50, 60, 70,
        ]);

        RgbImage half = ImageResizer.Resize(source, 2, 1);

        Assert.Equal(new byte[] { 100, 100, 100, 20, 30, 40 }, half.Pixels);
    }

    [Fact]
    public void A_uniform_colour_stays_exactly_uniform_at_any_size()
    {
        RgbImage source = TestImages.Solid(257, 199, 200, 120, 90);
        foreach ((int w, int h) in new[] { (224, 224), (31, 7), (600, 500), (1, 1) })
        {
            RgbImage resized = ImageResizer.Resize(source, w, h);
            Assert.All(resized.Pixels.Chunk(3), p => Assert.Equal(new byte[] { 200, 120, 90 }, p));
        }
    }

    [Fact]
    public void Downscaling_by_a_fractional_factor_keeps_the_mean_colour()
    {
        RgbImage source = TestImages.Pattern(1000, 750);
        RgbImage small = ImageResizer.Resize(source, 224, 224);
        Assert.Equal(source.Pixels.Average(b => (double)b), small.Pixels.Average(b => (double)b), 0.5);
    }

    [Fact]
    public void Upscaling_by_two_interpolates_between_neighbours()
    {
        var source = new RgbImage(2, 1, [0, 0, 0, 200, 200, 200]);
        RgbImage large = ImageResizer.Resize(source, 4, 1);
        Assert.Equal(new byte[] { 0, 50, 150, 200 }, large.Pixels.Where((_, i) => i % 3 == 0).ToArray());
    }

    [Fact]
    public void Fitting_keeps_the_aspect_ratio_and_never_enlarges()
    {
        Assert.Equal(new ImageSize(256, 192), ImageResizer.FitWithin(new ImageSize(4000, 3000), new ImageSize(256, 256)));
        Assert.Equal(new ImageSize(96, 256), ImageResizer.FitWithin(new ImageSize(300, 800), new ImageSize(256, 256)));
        Assert.Equal(new ImageSize(100, 50), ImageResizer.FitWithin(new ImageSize(100, 50), new ImageSize(256, 256)));
    }

    [Fact]
    public void A_model_input_is_exactly_the_requested_size()
    {
        RgbImage input = Thumbnails.ForModelInput(TestImages.FirstDermoscopyJpeg(), new ImageSize(224, 224));
        Assert.Equal(224, input.Width);
        Assert.Equal(224, input.Height);
    }

    [Fact]
    public void A_jpeg_thumbnail_is_readable_by_djpeg_and_fits_the_box()
    {
        string djpeg = ExternalTool.Require("djpeg", "libjpeg-turbo-progs");
        string cjpeg = ExternalTool.Require("cjpeg", "libjpeg-turbo-progs");
        using var temp = new TempDirectory();
        File.WriteAllBytes(temp.File("photo.ppm"), Netpbm.WritePpm(TestImages.Pattern(1600, 1200)));
        byte[] photo = ExternalTool.RunForBytes(cjpeg, "-quality", "92", temp.File("photo.ppm"));

        byte[] thumbnail = Thumbnails.CreateJpeg(photo, new ImageSize(160, 160), quality: 80);
        File.WriteAllBytes(temp.File("thumb.jpg"), thumbnail);
        RgbImage viaDjpeg = Netpbm.Read(ExternalTool.RunForBytes(djpeg, "-ppm", temp.File("thumb.jpg")));

        Assert.Equal(160, viaDjpeg.Width);
        Assert.Equal(120, viaDjpeg.Height);
        RgbImage expected = ImageResizer.Resize(ImageDecoder.Decode(photo).Image, 160, 120);
        double meanError = viaDjpeg.Pixels.Zip(expected.Pixels, (a, b) => Math.Abs(a - b)).Average();
        Assert.True(meanError < 8, $"mean absolute error {meanError:F2} between thumbnail and resized original");
    }

    [Theory]
    [InlineData(1, 360, 270)] // as stored
    [InlineData(6, 270, 360)] // EXIF: turn 90° to stand upright
    public void A_photo_fitted_in_a_square_box_matches_its_full_decode_resized(ushort orientation, int width, int height)
    {
        // Fitted in the box as displayed: a photo EXIF turns upright comes out portrait.
        byte[] stored = JpegEncoder.Encode(TestImages.Pattern(1600, 1200), 92);
        byte[] photo = orientation == 1 ? stored : ExifOrientationTests.WithApp1(stored, [.. "Exif\0\0"u8, .. ExifOrientationTests.Tiff(true, orientation)]);

        RgbImage thumbnail = ImageDecoder.Decode(Thumbnails.CreateJpeg(photo, new ImageSize(360, 360), quality: 95)).Image;

        Assert.Equal((width, height), (thumbnail.Width, thumbnail.Height));
        RgbImage expected = ImageResizer.Resize(ImageDecoder.Decode(photo).Image, width, height);
        double meanError = thumbnail.Pixels.Zip(expected.Pixels, (a, b) => Math.Abs(a - b)).Average();
        Assert.True(meanError < 4, $"mean absolute error {meanError:F2} between thumbnail and resized original");
    }

    [Fact]
    public void Encoding_quality_changes_the_jpeg_size()
    {
        RgbImage image = TestImages.Pattern(200, 150);
        Assert.True(JpegEncoder.Encode(image, 30).Length < JpegEncoder.Encode(image, 95).Length);
        Assert.Throws<ArgumentOutOfRangeException>(() => JpegEncoder.Encode(image, 0));
    }
}
