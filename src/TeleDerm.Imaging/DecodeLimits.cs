namespace TeleDerm.Imaging;

/// <summary>
/// Guards against decompression bombs. Checked against the dimensions declared in the file header,
/// before any pixel buffer is allocated.
/// </summary>
public sealed record DecodeLimits
{
    public static DecodeLimits Default { get; } = new();

    /// <summary>Largest accepted width × height of the stored image (default 100 megapixels).</summary>
    public long MaxPixels { get; init; } = 100_000_000;

    /// <summary>Largest accepted stored width in pixels.</summary>
    public int MaxWidth { get; init; } = 32_768;

    /// <summary>Largest accepted stored height in pixels.</summary>
    public int MaxHeight { get; init; } = 32_768;

    /// <summary>Largest accepted encoded file size in bytes (default 256 MiB).</summary>
    public long MaxInputBytes { get; init; } = 256L * 1024 * 1024;

    /// <summary>Largest accepted decoded RGB buffer in bytes (default 400 MB: 100 MP × 3 + margin).</summary>
    public long MaxDecodedBytes { get; init; } = 400_000_000;

    internal void CheckInputSize(long length)
    {
        if (length > MaxInputBytes)
        {
            throw new ImageDecodeException(ImageDecodeFailure.TooLarge,
                $"The file is {length} bytes; the limit is {MaxInputBytes} bytes.");
        }
    }

    /// <summary>Throws <see cref="ImageDecodeFailure.TooLarge"/> when header dimensions exceed the limits.</summary>
    internal void CheckDimensions(ImageFormat format, long width, long height, int bytesPerPixel = 3)
    {
        if (width > MaxWidth || height > MaxHeight)
        {
            throw new ImageDecodeException(ImageDecodeFailure.TooLarge,
                $"The {format} header declares {width}×{height} pixels; the limit is {MaxWidth}×{MaxHeight}.");
        }

        long pixels = width * height;
        if (pixels > MaxPixels)
        {
            throw new ImageDecodeException(ImageDecodeFailure.TooLarge,
                $"The {format} header declares {width}×{height} = {pixels} pixels; the limit is {MaxPixels} pixels.");
        }

        if (pixels * bytesPerPixel > MaxDecodedBytes)
        {
            throw new ImageDecodeException(ImageDecodeFailure.TooLarge,
                $"Decoding the {format} image ({width}×{height}) needs {pixels * bytesPerPixel} bytes; the limit is {MaxDecodedBytes} bytes.");
        }
    }
}
