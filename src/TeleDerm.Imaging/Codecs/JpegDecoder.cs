using System.Runtime.InteropServices;
using TeleDerm.Imaging.Native;

namespace TeleDerm.Imaging.Codecs;

/// <summary>JPEG decoding with TurboJPEG, including DCT-domain downscaling (1/2, 1/4, 1/8).</summary>
internal static unsafe class JpegDecoder
{
    /// <summary>The stored width and height from the frame header, without decoding any pixel.</summary>
    public static (int Width, int Height) ReadSize(ReadOnlySpan<byte> data)
    {
        TurboJpegNative tj = TurboJpegNative.Instance;
        using TurboJpegHandle handle = TurboJpegHandle.ForDecompression();
        using var lease = new HandleLease(handle);
        fixed (byte* src = data)
        {
            var (width, height, _) = ReadHeader(tj, lease.Pointer, src, data.Length);
            return (width, height);
        }
    }

    private static (int Width, int Height, int Colorspace) ReadHeader(TurboJpegNative tj, IntPtr h, byte* src, int length)
    {
        int width, height, subsampling, colorspace;
        if (tj.DecompressHeader3(h, src, (nuint)length, &width, &height, &subsampling, &colorspace) != 0)
        {
            throw Failure(tj, h, "reading the JPEG header");
        }
        return (width, height, colorspace);
    }

    public static RgbImage Decode(ReadOnlySpan<byte> data, DecodeLimits limits, ImageSize? atLeast)
    {
        TurboJpegNative tj = TurboJpegNative.Instance;
        using TurboJpegHandle handle = TurboJpegHandle.ForDecompression();
        using var lease = new HandleLease(handle);
        IntPtr h = lease.Pointer;
        fixed (byte* src = data)
        {
            var (width, height, colorspace) = ReadHeader(tj, h, src, data.Length);

            // Junk that starts with FFD8 can "succeed" with no frame header: zero dimensions.
            if (width <= 0 || height <= 0)
            {
                throw new ImageDecodeException(ImageDecodeFailure.Corrupt,
                    $"JPEG error: the header declares {width}×{height} pixels (no valid frame header).");
            }

            limits.CheckDimensions(ImageFormat.Jpeg, width, height);

            if (colorspace is TurboJpegNative.ColorspaceCmyk or TurboJpegNative.ColorspaceYcck)
            {
                throw new ImageDecodeException(ImageDecodeFailure.UnsupportedFormat,
                    "JPEG error: CMYK/YCCK JPEGs (print separations) are not supported; save the photo as RGB JPEG.");
            }

            TjScalingFactor factor = ChooseScale(tj.ScalingFactors, width, height, atLeast);
            int outWidth = Scaled(width, factor);
            int outHeight = Scaled(height, factor);
            var pixels = new byte[checked(outWidth * outHeight * 3)];
            fixed (byte* dst = pixels)
            {
                // Passing the scaled size makes TurboJPEG pick exactly this factor.
                if (tj.Decompress2(h, src, (nuint)data.Length, dst, outWidth, 0, outHeight, TurboJpegNative.PixelFormatRgb, 0) != 0)
                {
                    ThrowUnlessHarmlessWarning(tj, h);
                }
            }

            return new RgbImage(outWidth, outHeight, pixels);
        }
    }

    /// <summary>
    /// The smallest 1/N reduction whose output still covers <paramref name="atLeast"/> in both
    /// dimensions; 1/1 when no target is given or the image is already smaller.
    /// Only 1/N factors are used: they are the fast IDCT paths and match <c>djpeg -scale 1/N</c>.
    /// </summary>
    internal static TjScalingFactor ChooseScale(IReadOnlyList<TjScalingFactor> available, int width, int height, ImageSize? atLeast)
    {
        var best = new TjScalingFactor { Num = 1, Denom = 1 };
        if (atLeast is not { } target)
        {
            return best;
        }

        foreach (TjScalingFactor f in available)
        {
            if (f.Num != 1 || f.Denom <= best.Denom)
            {
                continue;
            }

            if (Scaled(width, f) >= target.Width && Scaled(height, f) >= target.Height)
            {
                best = f;
            }
        }

        return best;
    }

    /// <summary>TJSCALED from turbojpeg.h: ceil(dimension × num / denom).</summary>
    internal static int Scaled(int dimension, TjScalingFactor f) => (dimension * f.Num + f.Denom - 1) / f.Denom;

    private static void ThrowUnlessHarmlessWarning(TurboJpegNative tj, IntPtr h)
    {
        string message = tj.ErrorText(h);
        bool warning = tj.GetErrorCode(h) == TurboJpegNative.ErrorWarning;
        if (warning && !message.Contains("Premature end", StringComparison.OrdinalIgnoreCase))
        {
            // Like djpeg, recoverable warnings (e.g. extraneous bytes before a marker) keep the image.
            return;
        }

        throw Failure(tj, h, "decoding the JPEG data", message);
    }

    private static ImageDecodeException Failure(TurboJpegNative tj, IntPtr h, string stage, string? message = null)
    {
        message ??= tj.ErrorText(h);
        ImageDecodeFailure reason = message.Contains("Premature end", StringComparison.OrdinalIgnoreCase)
            || message.Contains("end of", StringComparison.OrdinalIgnoreCase) && message.Contains("data", StringComparison.OrdinalIgnoreCase)
            ? ImageDecodeFailure.Truncated
            : message.Contains("Unsupported JPEG process", StringComparison.OrdinalIgnoreCase)
                || message.Contains("Unsupported color conversion", StringComparison.OrdinalIgnoreCase)
                ? ImageDecodeFailure.UnsupportedFormat
                : ImageDecodeFailure.Corrupt;
        return new ImageDecodeException(reason, $"JPEG error while {stage}: {message}");
    }
}
