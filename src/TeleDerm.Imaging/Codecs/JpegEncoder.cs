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
        ArgumentOutOfRangeException.ThrowIfLessThan(quality, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quality, 100);

        TurboJpegNative tj = TurboJpegNative.Instance;
        using TurboJpegHandle handle = TurboJpegHandle.ForCompression();
        using var lease = new HandleLease(handle);
        byte* jpeg = null;
        try
        {
            IntPtr h = lease.Pointer;
            nuint size = 0;
            int subsampling = chromaSubsampling ? TurboJpegNative.Subsampling420 : TurboJpegNative.Subsampling444;
            fixed (byte* src = image.Pixels)
            {
                // jpeg == null lets TurboJPEG allocate the output; it is freed with tjFree below.
                if (tj.Compress2(h, src, image.Width, image.Stride, image.Height, TurboJpegNative.PixelFormatRgb,
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
