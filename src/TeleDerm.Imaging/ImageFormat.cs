namespace TeleDerm.Imaging;

/// <summary>Image container formats we can decode. Decided from magic bytes, never from a file name.</summary>
public enum ImageFormat
{
    Jpeg,
    Png,
    /// <summary>HEIF container (HEIC from phones; AVIF where libheif has an AV1 decoder).</summary>
    Heif,
}
