namespace TeleDerm.Imaging;

/// <summary>An 8-bit RGB image, rows top to bottom, pixels interleaved R, G, B, no row padding.</summary>
public sealed class RgbImage
{
    public RgbImage(int width, int height, byte[] pixels)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentNullException.ThrowIfNull(pixels);
        if (pixels.Length != checked(width * height * 3))
        {
            throw new ArgumentException($"Expected {width * height * 3} bytes for {width}×{height} RGB, got {pixels.Length}.", nameof(pixels));
        }

        Width = width;
        Height = height;
        Pixels = pixels;
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>Width × height × 3 bytes.</summary>
    public byte[] Pixels { get; }

    public int Stride => Width * 3;

    public static RgbImage CreateBlank(int width, int height) => new(width, height, new byte[checked(width * height * 3)]);
}
