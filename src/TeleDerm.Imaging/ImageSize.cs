namespace TeleDerm.Imaging;

/// <summary>A width and height in pixels.</summary>
public readonly record struct ImageSize(int Width, int Height)
{
    public ImageSize Transposed => new(Height, Width);

    public override string ToString() => $"{Width}×{Height}";
}
