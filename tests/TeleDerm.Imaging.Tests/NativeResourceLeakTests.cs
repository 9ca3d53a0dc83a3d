using TeleDerm.Testing;
using Xunit.Abstractions;

namespace TeleDerm.Imaging.Tests;

/// <summary>
/// Decoding allocates native handles (tjhandle, spng_ctx, heif_context/handle/image) that must be
/// released on every path, including failures. Repeated decodes must keep the process RSS flat.
/// </summary>
[Collection(MeasuresProcessMemory.Name)]
public sealed class NativeResourceLeakTests(ITestOutputHelper output)
{
    [Fact]
    public void Repeated_decodes_and_refusals_keep_memory_flat()
    {
        string heifEnc = ExternalTool.Require("heif-enc", "libheif-examples");
        using var temp = new TempDirectory();
        File.WriteAllBytes(temp.File("source.png"), PngBuilder.Rgb(TestImages.Pattern(256, 192)));
        ExternalTool.RunForBytes(heifEnc, "-q", "70", temp.File("source.png"), "-o", temp.File("photo.heic"));
        byte[] heic = File.ReadAllBytes(temp.File("photo.heic"));
        byte[] jpeg = TestImages.FirstDermoscopyJpeg();
        byte[] png = File.ReadAllBytes(temp.File("source.png"));
        byte[][] broken = [jpeg[..(jpeg.Length / 2)], png[..(png.Length / 2)], heic[..(heic.Length / 2)]];

        void Round()
        {
            ImageDecoder.Decode(jpeg);
            ImageDecoder.Decode(png);
            ImageDecoder.Decode(heic);
            Codecs.JpegEncoder.Encode(ImageDecoder.Decode(jpeg).Image, 80);
            foreach (byte[] bad in broken)
            {
                Assert.Throws<ImageDecodeException>(() => ImageDecoder.Decode(bad));
            }
        }

        for (int i = 0; i < 100; i++) Round();
        long atStart = ProcessMemory.ResidentBytes();
        for (int i = 0; i < 300; i++) Round();
        long atHalf = ProcessMemory.ResidentBytes();
        for (int i = 0; i < 300; i++) Round();
        long atEnd = ProcessMemory.ResidentBytes();

        output.WriteLine($"RSS {atStart / 1024} KiB -> {atHalf / 1024} KiB -> {atEnd / 1024} KiB over 600 rounds");
        // Each round decodes ~0.5 MB of pixels natively; a leaked decoder context per round would add tens of MB.
        Assert.True(atEnd - atHalf < 16 * 1024 * 1024, $"RSS grew by {(atEnd - atHalf) / 1024} KiB over the last 300 rounds");
    }
}

/// <summary>RSS is process-wide: tests that measure it run alone, after the parallel ones.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MeasuresProcessMemory
{
    public const string Name = "Measures process memory";
}
