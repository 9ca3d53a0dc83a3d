using static TeleDerm.SampleImages.Drawing.StableMath;

namespace TeleDerm.SampleImages.Drawing;

/// <summary>
/// Skin at a point in mm: the Fitzpatrick tone, blotchy redness and brightness, and the criss-cross furrows
/// (skin lines) that a dermoscope shows. Fixed to the body, so every visit sees the same skin.
/// </summary>
internal sealed class SkinSurface
{
    private static readonly Colour Redness = new(226, 128, 124);

    private readonly Colour _base;
    private readonly ValueNoise _tone, _red, _warp, _break;
    private readonly double _lineCos1, _lineSin1, _lineCos2, _lineSin2, _spacing;

    public SkinSurface(int fitzpatrick, SeededRandom rng)
    {
        _base = DermoscopyColours.Skin(fitzpatrick);
        _tone = new ValueNoise(rng.NextUInt64());
        _red = new ValueNoise(rng.NextUInt64());
        _warp = new ValueNoise(rng.NextUInt64());
        _break = new ValueNoise(rng.NextUInt64());
        double angle = rng.Range(0, Pi);
        _lineCos1 = Cos(angle);
        _lineSin1 = Sin(angle);
        _lineCos2 = Cos(angle + rng.Range(1.0, 1.4));
        _lineSin2 = Sin(angle + rng.Range(1.0, 1.4));
        _spacing = rng.Range(0.45, 0.7);
    }

    /// <summary>The slowly varying part at (x, y): cheap to interpolate between samples a few pixels apart.</summary>
    public SkinField Field(double x, double y) => new(
        0.95 + 0.1 * _tone.Fractal(x / 1.6, y / 1.6, 3),
        0.35 * SmoothStep(0.45, 0.8, _red.Fractal(x / 5, y / 5, 2)),
        2.2 * _warp.Fractal(x / 2.2, y / 2.2, 2),
        SmoothStep(0.3, 0.7, _break.At(x / 1.2, y / 1.2)));

    public Colour At(double x, double y) => At(x, y, Field(x, y));

    /// <summary>Skin at (x, y) given its slowly varying part (from <see cref="Field"/>, possibly interpolated).</summary>
    public Colour At(double x, double y, SkinField field)
    {
        Colour c = Colour.Mix(_base, Colour.Mix(_base, Redness, 0.5), field.Redness);
        // Furrows: two families of wavy lines, faint, fading in and out along their length.
        double s1 = Math.Abs(Sin(Pi * ((x * _lineCos1 + y * _lineSin1) / _spacing + field.Warp)));
        double s2 = Math.Abs(Sin(Pi * ((x * _lineCos2 + y * _lineSin2) / (_spacing * 1.35) - field.Warp)));
        double furrows = field.Furrows * (0.045 * SmoothStep(0.2, 0.0, s1) + 0.03 * SmoothStep(0.16, 0.0, s2));
        return c.Scale(field.Brightness * (1 - furrows));
    }
}

/// <summary>Brightness factor, redness weight, furrow warp (in line spacings) and furrow visibility.</summary>
internal readonly record struct SkinField(double Brightness, double Redness, double Warp, double Furrows)
{
    public static SkinField Bilinear(SkinField a, SkinField b, SkinField c, SkinField d, double tx, double ty)
    {
        static double L(double p, double q, double r, double s, double tx, double ty) =>
            StableMath.Lerp(StableMath.Lerp(p, q, tx), StableMath.Lerp(r, s, tx), ty);
        return new(L(a.Brightness, b.Brightness, c.Brightness, d.Brightness, tx, ty),
            L(a.Redness, b.Redness, c.Redness, d.Redness, tx, ty),
            L(a.Warp, b.Warp, c.Warp, d.Warp, tx, ty),
            L(a.Furrows, b.Furrows, c.Furrows, d.Furrows, tx, ty));
    }
}
