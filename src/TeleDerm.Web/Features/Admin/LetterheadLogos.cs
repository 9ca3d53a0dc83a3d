using TeleDerm.Core.Accounts;
using TeleDerm.Core.Administration;
using TeleDerm.Imaging;

namespace TeleDerm.Web.Features.Admin;

/// <summary>The letterhead's logo made with our imaging library: the format sniffed, the pixel count its header
/// declares bounded before decoding, then reduced to a JPEG of the logo box.</summary>
public sealed class LetterheadLogos : ILetterheadLogos
{
    /// <summary>A logo is a few hundred pixels wide: 25 megapixels is generous, and refuses a decompression bomb from its header.</summary>
    private static readonly DecodeLimits LogoLimits = new()
    {
        MaxInputBytes = LetterheadRules.MaxLogoUploadBytes, MaxPixels = 25_000_000, MaxWidth = 10_000, MaxHeight = 10_000, MaxDecodedBytes = 110_000_000,
    };

    public byte[] ToLogoJpeg(byte[] upload)
    {
        try
        {
            if (ImageFormatSniffer.Detect(upload) is not (ImageFormat.Png or ImageFormat.Jpeg))
            {
                throw new AdministrationException("LogoNotImage", "The logo must be a PNG or JPEG image.");
            }
            return Thumbnails.CreateJpeg(upload, new ImageSize(LetterheadRules.LogoBoxWidth, LetterheadRules.LogoBoxHeight), quality: 90, LogoLimits);
        }
        catch (ImageDecodeException ex) when (ex.Reason == ImageDecodeFailure.TooLarge)
        {
            throw new AdministrationException("LogoTooManyPixels", $"The logo has too many pixels to be a logo: {ex.Message}");
        }
        catch (ImageDecodeException ex)
        {
            throw new AdministrationException("LogoNotImage", $"The logo cannot be read: {ex.Message}");
        }
    }
}
