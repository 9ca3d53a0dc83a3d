using System.Buffers.Binary;
using TeleDerm.Imaging.Native;

namespace TeleDerm.Imaging.Codecs;

/// <summary>
/// PNG decoding with libspng to 8-bit RGB (16-bit samples are reduced to 8). Transparent pixels are laid on
/// white, as on paper and on our pages: a logo with a transparent background must not print on black.
/// </summary>
internal static unsafe class PngDecoder
{
    // Ancillary chunks (text, ICC, EXIF) are small in real photos; 16 MiB each and 64 MiB in total
    // stop a file from making libspng cache hundreds of megabytes of metadata.
    private const int ChunkSizeLimit = 16 * 1024 * 1024;
    private const int ChunkCacheLimit = 64 * 1024 * 1024;

    public static RgbImage Decode(ReadOnlySpan<byte> data, DecodeLimits limits)
    {
        CheckDeclaredSize(data, limits);
        SpngNative spng = SpngNative.Instance;
        using SpngContext context = SpngContext.Create();
        using var lease = new HandleLease(context);
        IntPtr ctx = lease.Pointer;
        fixed (byte* src = data)
        {
            Check(spng, spng.SetPngBuffer(ctx, src, (nuint)data.Length), "reading the PNG");
            Check(spng, spng.SetImageLimits(ctx, (uint)limits.MaxWidth, (uint)limits.MaxHeight), "setting limits");
            Check(spng, spng.SetChunkLimits(ctx, ChunkSizeLimit, ChunkCacheLimit), "setting limits");

            SpngIhdr ihdr;
            Check(spng, spng.GetIhdr(ctx, &ihdr), "reading the PNG header");
            if (ihdr.Width == 0 || ihdr.Height == 0)
            {
                throw new ImageDecodeException(ImageDecodeFailure.Corrupt, "The PNG header declares zero width or height.");
            }

            // Grey + alpha, RGBA and palette images (whose tRNS chunk may make entries transparent) can hold
            // transparency; truecolour and grey photos cannot, and decode straight to RGB.
            var mayBeTransparent = ihdr.ColorType is ColorTypeGreyAlpha or ColorTypeRgba or ColorTypePalette;
            var (format, channels) = mayBeTransparent ? (SpngNative.FormatRgba8, 4) : (SpngNative.FormatRgb8, 3);
            // The bomb check happens here, on the header, before the pixel buffer exists.
            limits.CheckDimensions(ImageFormat.Png, ihdr.Width, ihdr.Height, bytesPerPixel: channels);
            nuint size;
            Check(spng, spng.DecodedImageSize(ctx, format, &size), "sizing the PNG");
            if (size != (nuint)(ihdr.Width * (ulong)ihdr.Height * (ulong)channels))
            {
                throw new ImageDecodeException(ImageDecodeFailure.Corrupt, $"libspng reports an unexpected size {size} for {ihdr.Width}×{ihdr.Height}.");
            }

            var pixels = new byte[checked((int)size)];
            fixed (byte* dst = pixels)
            {
                Check(spng, spng.DecodeImage(ctx, dst, size, format, SpngNative.DecodeTransparency), "decoding the PNG data");
            }

            return new RgbImage((int)ihdr.Width, (int)ihdr.Height, mayBeTransparent ? OnWhite(pixels) : pixels);
        }
    }

    private const byte ColorTypePalette = 3;
    private const byte ColorTypeGreyAlpha = 4;
    private const byte ColorTypeRgba = 6;

    /// <summary>RGBA to RGB over a white background: c × a + 255 × (1 − a), rounded.</summary>
    private static byte[] OnWhite(byte[] rgba)
    {
        var rgb = new byte[rgba.Length / 4 * 3];
        for (int i = 0, o = 0; i < rgba.Length; i += 4, o += 3)
        {
            int alpha = rgba[i + 3], white = 255 * (255 - alpha);
            rgb[o] = (byte)((rgba[i] * alpha + white + 127) / 255);
            rgb[o + 1] = (byte)((rgba[i + 1] * alpha + white + 127) / 255);
            rgb[o + 2] = (byte)((rgba[i + 2] * alpha + white + 127) / 255);
        }
        return rgb;
    }

    /// <summary>
    /// IHDR is always the first chunk (signature, length, "IHDR", width, height): reading the declared
    /// size ourselves gives a clear TooLarge message before libspng sees the file at all.
    /// </summary>
    /// <summary>The width and height IHDR declares, without decoding any pixel.</summary>
    public static (long Width, long Height) ReadSize(ReadOnlySpan<byte> data) =>
        data.Length >= 24 && data.Slice(12, 4).SequenceEqual("IHDR"u8)
            ? (BinaryPrimitives.ReadUInt32BigEndian(data.Slice(16, 4)), BinaryPrimitives.ReadUInt32BigEndian(data.Slice(20, 4)))
            : throw new ImageDecodeException(ImageDecodeFailure.Corrupt, "The PNG has no IHDR chunk where its header belongs.");

    private static void CheckDeclaredSize(ReadOnlySpan<byte> data, DecodeLimits limits)
    {
        if (data.Length >= 24 && data.Slice(12, 4).SequenceEqual("IHDR"u8))
        {
            uint width = BinaryPrimitives.ReadUInt32BigEndian(data.Slice(16, 4));
            uint height = BinaryPrimitives.ReadUInt32BigEndian(data.Slice(20, 4));
            limits.CheckDimensions(ImageFormat.Png, width, height);
        }
    }

    private static void Check(SpngNative spng, int result, string stage)
    {
        if (result == 0)
        {
            return;
        }

        string text = spng.ErrorText(result);
        ImageDecodeFailure reason = result switch
        {
            SpngNative.IoEof => ImageDecodeFailure.Truncated,
            SpngNative.ErrorUserWidth or SpngNative.ErrorUserHeight => ImageDecodeFailure.TooLarge,
            _ when text.Contains("end of", StringComparison.OrdinalIgnoreCase) => ImageDecodeFailure.Truncated,
            _ when text.Contains("too short", StringComparison.OrdinalIgnoreCase) => ImageDecodeFailure.Truncated,
            _ => ImageDecodeFailure.Corrupt,
        };
        throw new ImageDecodeException(reason, $"PNG error while {stage}: {text} (libspng code {result}).");
    }
}
