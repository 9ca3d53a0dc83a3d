namespace TeleDerm.Imaging;

/// <summary>How <see cref="ImageDecoder"/> decodes.</summary>
public sealed record DecodeOptions
{
    public static DecodeOptions Default { get; } = new();

    public DecodeLimits Limits { get; init; } = DecodeLimits.Default;

    /// <summary>Rotate/mirror JPEG and PNG images as their EXIF Orientation says (HEIF: libheif always does).</summary>
    public bool ApplyExifOrientation { get; init; } = true;

    /// <summary>
    /// When set, a JPEG is decoded at the smallest DCT scale (1/2, 1/4, 1/8) whose result, once
    /// oriented, is still at least this large in both dimensions; much faster for thumbnails and
    /// model input. Other formats are decoded at full size.
    /// </summary>
    public ImageSize? AtLeast { get; init; }
}
