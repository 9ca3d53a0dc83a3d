using TeleDerm.Dicom.Dermoscopy;
using TeleDerm.Imaging;
using TeleDerm.Imaging.Exif;

namespace TeleDerm.Web.Features.Intake;

/// <summary>A photo checked and ready to be wrapped in a DICOM instance.</summary>
public sealed record PreparedPhoto(PhotoPixels Pixels)
{
    public long SizeBytes => Pixels switch { BaselineJpegPixels j => j.Jpeg.LongLength, NativeRgbPixels n => n.Rgb.LongLength, _ => 0 };
}

/// <summary>
/// Checks that an upload is an image whatever its name (the decoder sniffs the bytes and refuses bombs
/// before allocating), then decides how it is kept (docs: dicom-dermoscopy.md). A baseline JPEG that
/// needs no rotation is kept bit-exact as encapsulated JPEG; anything else (PNG, HEIC, a progressive or
/// EXIF-rotated JPEG) is kept as the decoded, upright pixels in native RGB, because DICOM viewers neither
/// apply EXIF orientation nor decode progressive JPEG under the JPEG Baseline transfer syntax.
/// </summary>
public static class PhotoPreparation
{
    /// <exception cref="ImageDecodeException">The bytes are not an image we can read, with the reason.</exception>
    public static PreparedPhoto Prepare(byte[] bytes, DecodeLimits? limits = null)
    {
        var decoded = ImageDecoder.Decode(bytes, new DecodeOptions { Limits = limits ?? DecodeLimits.Default });
        if (decoded.Format == ImageFormat.Jpeg && IsUpright(decoded.AppliedOrientation) && AsBaselineColourJpeg(bytes) is { } jpeg)
        {
            return new PreparedPhoto(jpeg);
        }
        return new PreparedPhoto(PhotoPixels.FromRgb(decoded.Image.Width, decoded.Image.Height, decoded.Image.Pixels));
    }

    /// <summary>No EXIF orientation at all (0) or "Normal": the stored pixels are already the right way up.</summary>
    private static bool IsUpright(ExifOrientation orientation) => orientation == ExifOrientation.Normal || (int)orientation == 0;

    /// <summary>
    /// The JPEG as it is, when it fits JPEG Baseline as 8-bit colour; otherwise null. The DICOM builder's own
    /// frame-header check decides: it refuses non-baseline JPEGs (ArgumentException) and headers it cannot read
    /// (FormatException), some of which libjpeg-turbo still decodes; those photos are kept as native RGB.
    /// </summary>
    private static BaselineJpegPixels? AsBaselineColourJpeg(byte[] bytes)
    {
        try
        {
            var pixels = PhotoPixels.FromJpeg(bytes);
            return pixels.Frame.Components == 3 ? pixels : null;
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException)
        {
            return null;
        }
    }
}
