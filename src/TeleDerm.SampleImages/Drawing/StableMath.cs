namespace TeleDerm.SampleImages.Drawing;

/// <summary>
/// Sine, cosine and arctangent from plain arithmetic. Math.Sin and friends call the C runtime, whose last
/// bits differ between platforms; a flipped bit can flip a rounded byte, and the committed samples must be
/// byte-identical wherever they are regenerated. +, −, ×, ÷ and √ are exact IEEE operations everywhere.
/// </summary>
internal static class StableMath
{
    public const double Pi = 3.141592653589793;
    public const double TwoPi = 2 * Pi;

    public static double Sin(double x)
    {
        // Reduce to [−π, π], then to [−π/2, π/2] where the Taylor series to x¹³ is accurate to ~1e-10.
        x -= TwoPi * Math.Floor(x / TwoPi + 0.5);
        if (x > Pi / 2) x = Pi - x;
        else if (x < -Pi / 2) x = -Pi - x;
        double x2 = x * x;
        return x * (1 - x2 / 6 * (1 - x2 / 20 * (1 - x2 / 42 * (1 - x2 / 72 * (1 - x2 / 110 * (1 - x2 / 156))))));
    }

    public static double Cos(double x) => Sin(x + Pi / 2);

    /// <summary>Angle of (x, y) in (−π, π]; error below 1e-5 rad, plenty for shapes drawn in pixels.</summary>
    public static double Atan2(double y, double x)
    {
        double ax = Math.Abs(x), ay = Math.Abs(y);
        if (ax == 0 && ay == 0) return 0;
        double a = Math.Min(ax, ay) / Math.Max(ax, ay);
        double s = a * a;
        // Minimax polynomial for atan on [0, 1].
        double r = ((((0.0208351 * s - 0.0851330) * s + 0.1801410) * s - 0.3302995) * s + 0.9998660) * a;
        if (ay > ax) r = Pi / 2 - r;
        if (x < 0) r = Pi - r;
        return y < 0 ? -r : r;
    }

    public static double Clamp01(double x) => x < 0 ? 0 : x > 1 ? 1 : x;

    /// <summary>0 below <paramref name="edge0"/>, 1 above <paramref name="edge1"/>, smooth between (either order).</summary>
    public static double SmoothStep(double edge0, double edge1, double x)
    {
        double t = Clamp01((x - edge0) / (edge1 - edge0));
        return t * t * (3 - 2 * t);
    }

    public static double Lerp(double a, double b, double t) => a + (b - a) * t;
}
