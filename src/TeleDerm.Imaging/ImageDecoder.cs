using TeleDerm.Imaging.Codecs;
using TeleDerm.Imaging.Exif;

namespace TeleDerm.Imaging;

/// <summary>
/// Decodes JPEG, PNG and HEIC/HEIF to RGB. The format comes from the bytes; limits are checked
/// against header dimensions before pixels are allocated; failures are <see cref="ImageDecodeException"/>.
/// </summary>
public static class ImageDecoder
{
    public static DecodedImage Decode(ReadOnlySpan<byte> data, DecodeOptions? options = null)
    {
        options ??= DecodeOptions.Default;
        options.Limits.CheckInputSize(data.Length);
        ImageFormat format = ImageFormatSniffer.Detect(data);

        ExifOrientation orientation = !options.ApplyExifOrientation ? ExifOrientation.Normal : format switch
        {
            ImageFormat.Jpeg => ExifOrientationReader.FromJpeg(data),
            ImageFormat.Png => ExifOrientationReader.FromPng(data),
            _ => ExifOrientation.Normal,
        };

        RgbImage stored = format switch
        {
            // The target is in displayed orientation; the decoder works on stored axes.
            ImageFormat.Jpeg => JpegDecoder.Decode(data, options.Limits,
                OrientationTransform.SwapsAxes(orientation) ? options.AtLeast?.Transposed : options.AtLeast),
            ImageFormat.Png => PngDecoder.Decode(data, options.Limits),
            ImageFormat.Heif => HeifDecoder.Decode(data, options.Limits),
            _ => throw new ImageDecodeException(ImageDecodeFailure.UnsupportedFormat, $"No decoder for {format}."),
        };

        return new DecodedImage(OrientationTransform.Apply(stored, orientation), format, orientation);
    }

    /// <summary>
    /// The format and stored size an image declares, read from its header alone (nothing decoded, no pixel
    /// buffer): what a server checks before it agrees to decode a file someone sent it. Checked against
    /// <paramref name="limits"/> like <see cref="Decode"/>; failures are <see cref="ImageDecodeException"/>.
    /// </summary>
    public static ImageHeader Identify(ReadOnlySpan<byte> data, DecodeLimits? limits = null)
    {
        limits ??= DecodeLimits.Default;
        limits.CheckInputSize(data.Length);
        var format = ImageFormatSniffer.Detect(data);
        (long width, long height) = format switch
        {
            ImageFormat.Jpeg => JpegDecoder.ReadSize(data),
            ImageFormat.Png => PngDecoder.ReadSize(data),
            ImageFormat.Heif => HeifDecoder.ReadSize(data),
            _ => throw new ImageDecodeException(ImageDecodeFailure.UnsupportedFormat, $"No decoder for {format}."),
        };
        if (width <= 0 || height <= 0)
        {
            throw new ImageDecodeException(ImageDecodeFailure.Corrupt, $"The {format} header declares {width}×{height} pixels.");
        }
        limits.CheckDimensions(format, width, height);
        return new ImageHeader(format, (int)width, (int)height);
    }

    /// <summary>Decodes a file, refusing one larger than <see cref="DecodeLimits.MaxInputBytes"/> before reading it.</summary>
    public static DecodedImage DecodeFile(string path, DecodeOptions? options = null)
    {
        options ??= DecodeOptions.Default;
        options.Limits.CheckInputSize(new FileInfo(path).Length);
        return Decode(File.ReadAllBytes(path), options);
    }
}

/// <summary>What an image's header declares: its format and its stored width and height.</summary>
public readonly record struct ImageHeader(ImageFormat Format, int Width, int Height)
{
    public long Pixels => (long)Width * Height;
}
