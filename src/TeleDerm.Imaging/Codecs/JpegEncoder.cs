using System.Runtime.InteropServices;
using TeleDerm.Imaging.Native;

namespace TeleDerm.Imaging.Codecs;

/// <summary>Encodes RGB images as baseline JPEG with TurboJPEG (thumbnails, previews).</summary>
public static unsafe class JpegEncoder
{
    /// <param name="quality">1 (smallest) to 100 (best).</param>
    /// <param name="chromaSubsampling">4:2:0 by default, as cameras do; 4:4:4 keeps colour edges of small thumbnails.</param>
    public static byte[] Encode(RgbImage image, int quality = 85, bool chromaSubsampling = true)
    {
        ArgumentNullException.ThrowIfNull(image);
        return EncodeRegion(image, 0, 0, image.Width, image.Height, quality, chromaSubsampling);
    }

    /// <summary>
    /// Encodes a rectangle of the image (a pyramid's tile) in place: TurboJPEG reads the rows through the image's
    /// stride, so nothing is copied out first.
    /// </summary>
    public static byte[] EncodeRegion(RgbImage image, int x, int y, int width, int height, int quality = 85, bool chromaSubsampling = true)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentOutOfRangeException.ThrowIfLessThan(quality, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quality, 100);
        if (x < 0 || y < 0 || width <= 0 || height <= 0 || x + width > image.Width || y + height > image.Height)
        {
            throw new ArgumentOutOfRangeException(nameof(x), $"The region {x},{y} {width}×{height} is not inside the {image.Width}×{image.Height} image.");
        }

        TurboJpegNative tj = TurboJpegNative.Instance;
        using TurboJpegHandle handle = TurboJpegHandle.ForCompression();
        using var lease = new HandleLease(handle);
        byte* jpeg = null;
        try
        {
            IntPtr h = lease.Pointer;
            nuint size = 0;
            int subsampling = chromaSubsampling ? TurboJpegNative.Subsampling420 : TurboJpegNative.Subsampling444;
            fixed (byte* pixels = image.Pixels)
            {
                byte* src = pixels + ((long)y * image.Stride) + (x * 3);
                // jpeg == null lets TurboJPEG allocate the output; it is freed with tjFree below.
                if (tj.Compress2(h, src, width, image.Stride, height, TurboJpegNative.PixelFormatRgb,
                        &jpeg, &size, subsampling, quality, 0) != 0)
                {
                    throw new InvalidOperationException($"JPEG encoding failed: {tj.ErrorText(h)}");
                }
            }

            return new ReadOnlySpan<byte>(jpeg, checked((int)size)).ToArray();
        }
        finally
        {
            if (jpeg != null)
            {
                tj.Free(jpeg);
            }
        }
    }
}
