using System.Text;

namespace TeleDerm.Imaging;

/// <summary>Identifies the image format from its first bytes; file names and MIME types are not trusted.</summary>
public static class ImageFormatSniffer
{
    private static ReadOnlySpan<byte> PngSignature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    // Major brands of the ISO base media file format that libheif decodes as still images.
    private static readonly string[] HeifBrands = ["heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1", "avif", "avis"];

    /// <summary>Returns the format, or throws <see cref="ImageDecodeException"/> saying what the bytes are not.</summary>
    public static ImageFormat Detect(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
        {
            throw new ImageDecodeException(ImageDecodeFailure.NotAnImage, "The file is empty.");
        }

        if (data[0] == 0xFF && (data.Length < 2 || data[1] == 0xD8))
        {
            if (data.Length < 3)
            {
                throw new ImageDecodeException(ImageDecodeFailure.Truncated, "The JPEG data ends after its start-of-image marker.");
            }

            if (data[2] == 0xFF)
            {
                return ImageFormat.Jpeg;
            }
        }

        if (data.Length >= 4 && data[..Math.Min(8, data.Length)].SequenceEqual(PngSignature[..Math.Min(8, data.Length)]))
        {
            if (data.Length < PngSignature.Length)
            {
                throw new ImageDecodeException(ImageDecodeFailure.Truncated, "The PNG data ends inside its signature.");
            }

            return ImageFormat.Png;
        }

        if (data.Length >= 12 && data.Slice(4, 4).SequenceEqual("ftyp"u8))
        {
            string brand = Encoding.ASCII.GetString(data.Slice(8, 4));
            if (HeifBrands.Contains(brand))
            {
                return ImageFormat.Heif;
            }

            throw new ImageDecodeException(ImageDecodeFailure.UnsupportedFormat,
                $"ISO media file with brand '{Printable(brand)}' is not a HEIF still image (video or unknown brand).");
        }

        string? other = NameOfUnsupported(data);
        if (other is not null)
        {
            throw new ImageDecodeException(ImageDecodeFailure.UnsupportedFormat,
                $"{other} images are not supported; use JPEG, PNG or HEIC.");
        }

        throw new ImageDecodeException(ImageDecodeFailure.NotAnImage,
            $"The data is not a JPEG, PNG or HEIC image (it starts with {Convert.ToHexString(data[..Math.Min(8, data.Length)])}).");
    }

    private static string? NameOfUnsupported(ReadOnlySpan<byte> data)
    {
        if (data.StartsWith("GIF8"u8)) return "GIF";
        if (data.StartsWith("BM"u8) && data.Length >= 14) return "BMP";
        if (data.StartsWith("II*\0"u8) || data.StartsWith("MM\0*"u8)) return "TIFF";
        if (data.Length >= 12 && data.StartsWith("RIFF"u8) && data.Slice(8, 4).SequenceEqual("WEBP"u8)) return "WebP";
        if (data.Length >= 132 && data.Slice(128, 4).SequenceEqual("DICM"u8)) return "DICOM";
        if (data.StartsWith("\0\0\0\u000CjP"u8)) return "JPEG 2000";
        return null;
    }

    private static string Printable(string s) => new(s.Select(c => c is >= ' ' and <= '~' ? c : '?').ToArray());
}
