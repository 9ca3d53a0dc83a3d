using Xunit.Abstractions;

namespace TeleDerm.Imaging.Tests;

/// <summary>Our TurboJPEG binding must produce exactly what libjpeg-turbo's own djpeg produces.</summary>
public sealed class JpegDecodingMatchesDjpegTests(ITestOutputHelper output)
{
    private static readonly DecodeOptions AsStored = new() { ApplyExifOrientation = false };

    [Fact]
    public void Every_dermoscopy_jpeg_decodes_byte_for_byte_like_djpeg_at_full_size_and_one_eighth()
    {
        string djpeg = ExternalTool.Require("djpeg", "libjpeg-turbo-progs");
        string[] files = Directory.GetFiles(RepoPaths.DermoscopyImages, "*.jpg").Order(StringComparer.Ordinal).ToArray();
        Assert.NotEmpty(files);

        var failures = new List<string>();
        foreach (string file in files)
        {
            byte[] jpeg = File.ReadAllBytes(file);
            RgbImage full = Netpbm.Read(ExternalTool.RunForBytes(djpeg, "-ppm", file));
            Compare(failures, file, "1/1", ImageDecoder.Decode(jpeg, AsStored).Image, full);

            var eighthTarget = new ImageSize((full.Width + 7) / 8, (full.Height + 7) / 8);
            RgbImage ours = ImageDecoder.Decode(jpeg, AsStored with { AtLeast = eighthTarget }).Image;
            Compare(failures, file, "1/8", ours, Netpbm.Read(ExternalTool.RunForBytes(djpeg, "-scale", "1/8", "-ppm", file)));
        }

        output.WriteLine($"{files.Length} JPEG files compared with djpeg at 1/1 and 1/8; {failures.Count} differences.");
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)));
    }

    [Theory]
    [InlineData("1/1")]
    [InlineData("1/2")]
    [InlineData("1/4")]
    [InlineData("1/8")]
    public void A_large_generated_jpeg_decodes_like_djpeg_at_each_scale(string scale)
    {
        string djpeg = ExternalTool.Require("djpeg", "libjpeg-turbo-progs");
        string cjpeg = ExternalTool.Require("cjpeg", "libjpeg-turbo-progs");
        using var temp = new TempDirectory();
        string ppm = temp.File("large.ppm");
        string jpg = temp.File("large.jpg");
        File.WriteAllBytes(ppm, Netpbm.WritePpm(TestImages.Pattern(3001, 2003)));
        File.WriteAllBytes(jpg, ExternalTool.RunForBytes(cjpeg, "-quality", "90", ppm));

        int denominator = int.Parse(scale[2..]);
        var target = new ImageSize((3001 + denominator - 1) / denominator, (2003 + denominator - 1) / denominator);
        RgbImage ours = ImageDecoder.Decode(File.ReadAllBytes(jpg), AsStored with { AtLeast = target }).Image;
        RgbImage reference = Netpbm.Read(ExternalTool.RunForBytes(djpeg, "-scale", scale, "-ppm", jpg));

        var failures = new List<string>();
        Compare(failures, jpg, scale, ours, reference);
        Assert.Empty(failures);
    }

    [Fact]
    public void A_greyscale_jpeg_decodes_to_grey_rgb_like_djpeg()
    {
        string djpeg = ExternalTool.Require("djpeg", "libjpeg-turbo-progs");
        string cjpeg = ExternalTool.Require("cjpeg", "libjpeg-turbo-progs");
        using var temp = new TempDirectory();
        File.WriteAllBytes(temp.File("p.ppm"), Netpbm.WritePpm(TestImages.Pattern(333, 222)));
        File.WriteAllBytes(temp.File("grey.jpg"), ExternalTool.RunForBytes(cjpeg, "-grayscale", temp.File("p.ppm")));

        RgbImage ours = ImageDecoder.DecodeFile(temp.File("grey.jpg")).Image;
        RgbImage reference = Netpbm.Read(ExternalTool.RunForBytes(djpeg, temp.File("grey.jpg"))); // PGM, expanded to RGB

        var failures = new List<string>();
        Compare(failures, "grey.jpg", "1/1", ours, reference);
        Assert.Empty(failures);
    }

    [Fact]
    public void A_requested_size_picks_the_smallest_dct_scale_that_still_covers_it()
    {
        string cjpeg = ExternalTool.Require("cjpeg", "libjpeg-turbo-progs");
        using var temp = new TempDirectory();
        File.WriteAllBytes(temp.File("p.ppm"), Netpbm.WritePpm(TestImages.Pattern(2000, 1500)));
        byte[] jpeg = ExternalTool.RunForBytes(cjpeg, temp.File("p.ppm"));

        // 1/8 would give 250×188, too short for 224; 1/4 gives 500×375.
        Assert.Equal(new ImageSize(500, 375), SizeOf(ImageDecoder.Decode(jpeg, new DecodeOptions { AtLeast = new ImageSize(224, 224) }).Image));
        Assert.Equal(new ImageSize(250, 188), SizeOf(ImageDecoder.Decode(jpeg, new DecodeOptions { AtLeast = new ImageSize(200, 150) }).Image));
        Assert.Equal(new ImageSize(2000, 1500), SizeOf(ImageDecoder.Decode(jpeg, new DecodeOptions { AtLeast = new ImageSize(1999, 10) }).Image));
        Assert.Equal(new ImageSize(2000, 1500), SizeOf(ImageDecoder.Decode(jpeg).Image));
    }

    private static ImageSize SizeOf(RgbImage image) => new(image.Width, image.Height);

    private static void Compare(List<string> failures, string file, string scale, RgbImage ours, RgbImage reference)
    {
        if (ours.Width != reference.Width || ours.Height != reference.Height)
        {
            failures.Add($"{Path.GetFileName(file)} {scale}: size {ours.Width}×{ours.Height}, djpeg {reference.Width}×{reference.Height}");
        }
        else if (!ours.Pixels.AsSpan().SequenceEqual(reference.Pixels))
        {
            int first = ours.Pixels.AsSpan().CommonPrefixLength(reference.Pixels);
            failures.Add($"{Path.GetFileName(file)} {scale}: first differing byte at {first}");
        }
    }
}
