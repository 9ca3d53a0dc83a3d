using Xunit.Abstractions;

namespace TeleDerm.Imaging.Tests;

/// <summary>
/// Deterministically damaged files (bytes overwritten, cut short) must either decode or fail with
/// <see cref="ImageDecodeException"/>: no other exception type, no crash of the process.
/// </summary>
public sealed class CorruptionRobustnessTests(ITestOutputHelper output)
{
    private const int VariantsPerFormat = 300;

    [Fact]
    public void Damaged_jpegs_decode_or_fail_with_an_image_decode_exception()
    {
        Exercise("JPEG", TestImages.FirstDermoscopyJpeg());
    }

    [Fact]
    public void Damaged_pngs_decode_or_fail_with_an_image_decode_exception()
    {
        Exercise("PNG", PngBuilder.Rgb(TestImages.Pattern(96, 64)));
    }

    [Fact]
    public void Damaged_heics_decode_or_fail_with_an_image_decode_exception()
    {
        string heifEnc = ExternalTool.Require("heif-enc", "libheif-examples");
        using var temp = new TempDirectory();
        File.WriteAllBytes(temp.File("source.png"), PngBuilder.Rgb(TestImages.Pattern(96, 64)));
        ExternalTool.RunForBytes(heifEnc, "-q", "60", temp.File("source.png"), "-o", temp.File("photo.heic"));
        Exercise("HEIC", File.ReadAllBytes(temp.File("photo.heic")));
    }

    private void Exercise(string format, byte[] original)
    {
        var random = new Random(20240611);
        var reasons = new Dictionary<string, int>();
        for (int variant = 0; variant < VariantsPerFormat; variant++)
        {
            byte[] damaged = Damage(original, random);
            string outcome;
            try
            {
                ImageDecoder.Decode(damaged);
                outcome = "decoded";
            }
            catch (ImageDecodeException e)
            {
                outcome = e.Reason.ToString();
            }

            reasons[outcome] = reasons.GetValueOrDefault(outcome) + 1;
        }

        output.WriteLine($"{format}: " + string.Join(", ", reasons.OrderBy(r => r.Key).Select(r => $"{r.Key} {r.Value}")));
        Assert.Equal(VariantsPerFormat, reasons.Values.Sum());
    }

    private static byte[] Damage(byte[] original, Random random)
    {
        byte[] copy = (byte[])original.Clone();
        switch (random.Next(3))
        {
            case 0: // a few random bytes anywhere (after the signature, so the format is still recognised)
                for (int i = 0, n = random.Next(1, 8); i < n; i++) copy[random.Next(8, copy.Length)] = (byte)random.Next(256);
                return copy;
            case 1: // cut short
                return copy[..random.Next(8, copy.Length)];
            default: // a run of garbage in the first kilobyte, where the headers are
                int start = random.Next(8, Math.Min(1024, copy.Length - 1));
                for (int i = start; i < Math.Min(copy.Length, start + random.Next(1, 64)); i++) copy[i] = (byte)random.Next(256);
                return copy;
        }
    }
}
