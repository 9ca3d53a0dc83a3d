namespace TeleDerm.SampleImages.Drawing;

/// <summary>
/// How one photo was taken: size and scale, where the lesion sits in the frame (offset of its centre from the
/// image centre, in mm), the camera's rotation, exposure, colour of the light, and the hair on the skin that day.
/// </summary>
internal sealed record PhotoSetup(
    ImageKind Kind,
    int Width,
    int Height,
    double PixelMm,
    double RotationRad,
    double OffsetXMm,
    double OffsetYMm,
    double Exposure,
    Colour LightTint,
    double LightAngleRad,
    int HairCount,
    double HairWidthMm,
    Colour HairColour,
    ulong HairSeed);
