using TeleDerm.Dicom.Dermoscopy;
using TeleDerm.Imaging;
using TeleDerm.Imaging.Codecs;
using TeleDerm.Imaging.Exif;

namespace TeleDerm.Web.Features.Intake;

/// <summary>A photo checked and ready to be wrapped in a DICOM instance, as a baseline JPEG.</summary>
public sealed record PreparedPhoto(byte[] Jpeg, bool KeptBitExact, int Width, int Height);

/// <summary>
/// Checks that an upload is an image whatever its name (the decoder sniffs the bytes and refuses bombs
/// before allocating), then decides how it is kept. A baseline JPEG that needs no rotation is kept
/// bit-exact; anything else (progressive JPEG, EXIF-rotated phone photo, PNG, HEIC) is re-encoded once
/// as an upright baseline JPEG at quality 95, because DICOM viewers neither apply EXIF orientation nor
/// decode progressive JPEG under the JPEG Baseline transfer syntax.
/// </summary>
public static class PhotoPreparation
{
    public const int ReencodeQuality = 95;

    /// <exception cref="ImageDecodeException">The bytes are not an image we can read, with the reason.</exception>
    public static PreparedPhoto Prepare(byte[] bytes)
    {
        var decoded = ImageDecoder.Decode(bytes);
        if (decoded.Format == ImageFormat.Jpeg && IsUpright(decoded.AppliedOrientation) && IsBaseline(bytes))
        {
            return new PreparedPhoto(bytes, KeptBitExact: true, decoded.Image.Width, decoded.Image.Height);
        }
        return new PreparedPhoto(JpegEncoder.Encode(decoded.Image, ReencodeQuality), KeptBitExact: false, decoded.Image.Width, decoded.Image.Height);
    }

    /// <summary>No EXIF orientation at all (0) or "Normal": the stored pixels are already the right way up.</summary>
    private static bool IsUpright(ExifOrientation orientation) => orientation == ExifOrientation.Normal || (int)orientation == 0;

    private static bool IsBaseline(byte[] jpeg)
    {
        try
        {
            var frame = JpegFrameInfo.Parse(jpeg);
            return frame.IsBaseline && frame.Precision == 8 && frame.Components == 3;
        }
        catch (Exception ex) when (ex is TeleDerm.Dicom.DicomFormatException or ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }
}
