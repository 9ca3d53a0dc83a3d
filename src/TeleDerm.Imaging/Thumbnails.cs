using TeleDerm.Imaging.Codecs;
using TeleDerm.Imaging.Resizing;

namespace TeleDerm.Imaging;

/// <summary>JPEG thumbnails of uploaded photos, and fixed-size RGB input for models.</summary>
public static class Thumbnails
{
    /// <summary>
    /// Decodes (using DCT scaling where possible), shrinks to fit the box and encodes as JPEG.
    /// Without chroma subsampling: at thumbnail size 4:2:0 visibly shifts the colours of small structures.
    /// </summary>
    public static byte[] CreateJpeg(ReadOnlySpan<byte> image, ImageSize box, int quality = 85, DecodeLimits? limits = null)
    {
        DecodedImage decoded = ImageDecoder.Decode(image, new DecodeOptions { AtLeast = box, Limits = limits ?? DecodeLimits.Default });
        return JpegEncoder.Encode(ImageResizer.ResizeToFit(decoded.Image, box), quality, chromaSubsampling: false);
    }

    /// <summary>Decodes and resizes to exactly <paramref name="size"/> (e.g. 224×224), as displayed.</summary>
    public static RgbImage ForModelInput(ReadOnlySpan<byte> image, ImageSize size, DecodeLimits? limits = null)
    {
        DecodedImage decoded = ImageDecoder.Decode(image, new DecodeOptions { AtLeast = size, Limits = limits ?? DecodeLimits.Default });
        return ImageResizer.Resize(decoded.Image, size.Width, size.Height);
    }
}
