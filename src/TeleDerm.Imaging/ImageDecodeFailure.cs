namespace TeleDerm.Imaging;

/// <summary>Why an image could not be decoded; lets callers tell users something specific.</summary>
public enum ImageDecodeFailure
{
    /// <summary>The bytes are not an image (empty, text, unknown signature).</summary>
    NotAnImage,
    /// <summary>A known image format whose data ends too early.</summary>
    Truncated,
    /// <summary>A known image format whose data is invalid.</summary>
    Corrupt,
    /// <summary>The declared dimensions or sizes exceed <see cref="DecodeLimits"/> (decompression bomb guard).</summary>
    TooLarge,
    /// <summary>An image format (or variant, e.g. CMYK JPEG) we do not decode.</summary>
    UnsupportedFormat,
}
