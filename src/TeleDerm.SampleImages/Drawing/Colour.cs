namespace TeleDerm.SampleImages.Drawing;

/// <summary>A linear mix-able colour in 0–255 sRGB units (mixing in sRGB is what a quick painter does; fine here).</summary>
internal readonly record struct Colour(double R, double G, double B)
{
    public static Colour Mix(Colour a, Colour b, double t) =>
        new(a.R + (b.R - a.R) * t, a.G + (b.G - a.G) * t, a.B + (b.B - a.B) * t);

    public Colour Scale(double f) => new(R * f, G * f, B * f);

    public double Luminance => 0.299 * R + 0.587 * G + 0.114 * B;

    public static byte ToByte(double v) => v <= 0 ? (byte)0 : v >= 255 ? (byte)255 : (byte)(v + 0.5);
}

/// <summary>Colours of dermoscopic structures (named as in the dermoscopy literature).</summary>
internal static class DermoscopyColours
{
    public static readonly Colour LightBrown = new(196, 140, 98);
    public static readonly Colour MidBrown = new(150, 96, 62);
    public static readonly Colour DarkBrown = new(92, 54, 36);
    public static readonly Colour Black = new(38, 28, 28);
    public static readonly Colour BlueGrey = new(108, 118, 142);
    public static readonly Colour RegressionWhite = new(244, 230, 228);
    public static readonly Colour Hair = new(42, 30, 24);
    public static readonly Colour LightHair = new(112, 84, 58);
    public static readonly Colour RulerPlastic = new(244, 244, 238);
    public static readonly Colour RulerInk = new(22, 22, 26);
    public static readonly Colour OutsideField = new(10, 9, 9);

    /// <summary>Skin by Fitzpatrick type I–VI, as lit by a dermoscope's white LEDs.</summary>
    public static Colour Skin(int fitzpatrick) => fitzpatrick switch
    {
        1 => new(244, 212, 196),
        2 => new(234, 192, 166),
        3 => new(216, 168, 132),
        4 => new(184, 134, 98),
        5 => new(140, 98, 70),
        6 => new(98, 68, 52),
        _ => throw new ArgumentOutOfRangeException(nameof(fitzpatrick), fitzpatrick, "Fitzpatrick types are 1 to 6."),
    };
}
