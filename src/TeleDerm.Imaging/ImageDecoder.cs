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

    /// <summary>Decodes a file, refusing one larger than <see cref="DecodeLimits.MaxInputBytes"/> before reading it.</summary>
    public static DecodedImage DecodeFile(string path, DecodeOptions? options = null)
    {
        options ??= DecodeOptions.Default;
        options.Limits.CheckInputSize(new FileInfo(path).Length);
        return Decode(File.ReadAllBytes(path), options);
    }
}
