using TeleDerm.Imaging.Exif;

namespace TeleDerm.Imaging;

/// <summary>The result of decoding: pixels as displayed, the detected format and the orientation that was applied.</summary>
public sealed record DecodedImage(RgbImage Image, ImageFormat Format, ExifOrientation AppliedOrientation);
