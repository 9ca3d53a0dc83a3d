using TeleDerm.Imaging.Native;

namespace TeleDerm.Imaging.Codecs;

/// <summary>
/// HEIC/HEIF decoding with libheif: the primary image, converted by libheif to interleaved RGB.
/// libheif applies the container's rotation and mirroring (irot/imir) itself, so no EXIF orientation
/// is applied on top (that would rotate twice).
/// </summary>
internal static unsafe class HeifDecoder
{
    /// <summary>The primary image's width and height from the container, without decoding any pixel.</summary>
    public static (int Width, int Height) ReadSize(ReadOnlySpan<byte> data)
    {
        HeifNative heif = HeifNative.Instance;
        fixed (byte* src = data)
        {
            IntPtr context = heif.ContextAlloc();
            if (context == IntPtr.Zero)
            {
                throw new OutOfMemoryException("libheif could not allocate a context.");
            }
            IntPtr handle = IntPtr.Zero;
            try
            {
                Check(heif.ReadFromMemoryWithoutCopy(context, src, (nuint)data.Length, IntPtr.Zero), "reading the HEIF container");
                Check(heif.GetPrimaryImageHandle(context, &handle), "finding the primary image");
                return (heif.HandleGetWidth(handle), heif.HandleGetHeight(handle));
            }
            finally
            {
                if (handle != IntPtr.Zero) heif.HandleRelease(handle);
                heif.ContextFree(context);
            }
        }
    }

    public static RgbImage Decode(ReadOnlySpan<byte> data, DecodeLimits limits)
    {
        HeifNative heif = HeifNative.Instance;
        // "without copy": libheif keeps reading our buffer, so it stays pinned until the context is freed.
        fixed (byte* src = data)
        {
            IntPtr context = heif.ContextAlloc();
            if (context == IntPtr.Zero)
            {
                throw new OutOfMemoryException("libheif could not allocate a context.");
            }

            IntPtr handle = IntPtr.Zero;
            IntPtr image = IntPtr.Zero;
            try
            {
                Check(heif.ReadFromMemoryWithoutCopy(context, src, (nuint)data.Length, IntPtr.Zero), "reading the HEIF container");
                Check(heif.GetPrimaryImageHandle(context, &handle), "finding the primary image");

                int width = heif.HandleGetWidth(handle);
                int height = heif.HandleGetHeight(handle);
                if (width <= 0 || height <= 0)
                {
                    throw new ImageDecodeException(ImageDecodeFailure.Corrupt, $"HEIF error: the primary image declares {width}×{height} pixels.");
                }

                limits.CheckDimensions(ImageFormat.Heif, width, height);

                Check(heif.DecodeImage(handle, &image, HeifNative.ColorspaceRgb, HeifNative.ChromaInterleavedRgb, IntPtr.Zero), "decoding the HEIF image");
                return CopyInterleavedPlane(heif, image, limits);
            }
            finally
            {
                if (image != IntPtr.Zero) heif.ImageRelease(image);
                if (handle != IntPtr.Zero) heif.HandleRelease(handle);
                heif.ContextFree(context);
            }
        }
    }

    private static RgbImage CopyInterleavedPlane(HeifNative heif, IntPtr image, DecodeLimits limits)
    {
        // The decoded size can differ from the handle's (rotation applied), so read it from the image.
        int width = heif.ImageGetWidth(image, HeifNative.ChannelInterleaved);
        int height = heif.ImageGetHeight(image, HeifNative.ChannelInterleaved);
        int stride;
        byte* plane = heif.ImageGetPlaneReadonly(image, HeifNative.ChannelInterleaved, &stride);
        if (plane == null || width <= 0 || height <= 0 || stride < width * 3)
        {
            throw new ImageDecodeException(ImageDecodeFailure.Corrupt, "HEIF error: libheif returned no interleaved RGB plane.");
        }

        limits.CheckDimensions(ImageFormat.Heif, width, height);
        var result = RgbImage.CreateBlank(width, height);
        for (int y = 0; y < height; y++)
        {
            new ReadOnlySpan<byte>(plane + (long)y * stride, width * 3).CopyTo(result.Pixels.AsSpan(y * width * 3, width * 3));
        }

        return result;
    }

    private static void Check(HeifError error, string stage)
    {
        if (error.IsOk)
        {
            return;
        }

        ImageDecodeFailure reason = error switch
        {
            { Subcode: HeifNative.SuberrorEndOfData } => ImageDecodeFailure.Truncated,
            { Subcode: HeifNative.SuberrorSecurityLimit } => ImageDecodeFailure.TooLarge,
            { Code: HeifNative.ErrorUnsupportedFiletype or HeifNative.ErrorUnsupportedFeature } => ImageDecodeFailure.UnsupportedFormat,
            _ => ImageDecodeFailure.Corrupt,
        };
        throw new ImageDecodeException(reason, $"HEIF error while {stage}: {error.Text} (libheif {error.Code}/{error.Subcode}).");
    }
}
