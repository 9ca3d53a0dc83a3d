namespace TeleDerm.Imaging.Tests.Support;

/// <summary>Deterministic synthetic images and temporary files for tests.</summary>
internal static class TestImages
{
    /// <summary>Smooth gradients plus deterministic noise: exercises every DCT coefficient and chroma.</summary>
    public static RgbImage Pattern(int width, int height, int seed = 7)
    {
        var random = new Random(seed);
        var image = RgbImage.CreateBlank(width, height);
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                int i = ((y * width) + x) * 3;
                image.Pixels[i] = (byte)Math.Clamp((x * 255 / width) + random.Next(-20, 21), 0, 255);
                image.Pixels[i + 1] = (byte)Math.Clamp((y * 255 / height) + random.Next(-20, 21), 0, 255);
                image.Pixels[i + 2] = (byte)Math.Clamp((((x / 37) + (y / 23)) % 2 * 200) + random.Next(0, 40), 0, 255);
            }
        }

        return image;
    }

    public static RgbImage Solid(int width, int height, byte r, byte g, byte b)
    {
        var image = RgbImage.CreateBlank(width, height);
        for (int i = 0; i < image.Pixels.Length; i += 3)
        {
            image.Pixels[i] = r;
            image.Pixels[i + 1] = g;
            image.Pixels[i + 2] = b;
        }

        return image;
    }

    public static byte[] FirstDermoscopyJpeg() =>
        File.ReadAllBytes(Directory.GetFiles(RepoPaths.DermoscopyImages, "*.jpg").Order(StringComparer.Ordinal).First());
}

/// <summary>A temporary directory removed when the test ends.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "telederm-imaging-" + Guid.NewGuid().ToString("N"));

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
