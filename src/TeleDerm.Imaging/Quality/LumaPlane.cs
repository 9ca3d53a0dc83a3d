namespace TeleDerm.Imaging.Quality;

/// <summary>The luminance of an image (Rec. 601 weights, 0–255), one float per pixel, rows top to bottom.</summary>
internal sealed class LumaPlane
{
    private LumaPlane(int width, int height, float[] values) => (Width, Height, Values) = (width, height, values);

    public int Width { get; }
    public int Height { get; }
    public float[] Values { get; }

    public float this[int x, int y] => Values[y * Width + x];

    public static LumaPlane Of(RgbImage image)
    {
        var values = new float[image.Width * image.Height];
        var pixels = image.Pixels;
        for (int i = 0, p = 0; i < values.Length; i++, p += 3)
        {
            values[i] = 0.299f * pixels[p] + 0.587f * pixels[p + 1] + 0.114f * pixels[p + 2];
        }
        return new LumaPlane(image.Width, image.Height, values);
    }

    /// <summary>The value below which <paramref name="fraction"/> of the pixels lie (0.5: the median).</summary>
    public float Percentile(double fraction)
    {
        var histogram = new int[256];
        foreach (var v in Values)
        {
            histogram[Math.Clamp((int)v, 0, 255)]++;
        }
        var wanted = (long)Math.Ceiling(fraction * Values.Length);
        long seen = 0;
        for (var level = 0; level < 256; level++)
        {
            seen += histogram[level];
            if (seen >= wanted && seen > 0)
            {
                return level;
            }
        }
        return 255;
    }
}
