namespace TeleDerm.SampleImages.Drawing;

/// <summary>
/// Smooth 2-D value noise from a hashed integer lattice (no tables, so no iteration order to depend on),
/// and fractal sums of it. Values lie in [0, 1].
/// </summary>
internal readonly struct ValueNoise(ulong seed)
{
    public double At(double x, double y)
    {
        double fx = Math.Floor(x), fy = Math.Floor(y);
        long ix = (long)fx, iy = (long)fy;
        double tx = Fade(x - fx), ty = Fade(y - fy);
        double a = Lattice(ix, iy), b = Lattice(ix + 1, iy), c = Lattice(ix, iy + 1), d = Lattice(ix + 1, iy + 1);
        double top = a + (b - a) * tx, bottom = c + (d - c) * tx;
        return top + (bottom - top) * ty;
    }

    /// <summary>Sum of <paramref name="octaves"/> layers, each twice as fine and half as strong, normalized to [0, 1].</summary>
    public double Fractal(double x, double y, int octaves)
    {
        double sum = 0, amplitude = 1, total = 0;
        for (int o = 0; o < octaves; o++)
        {
            // The offset per octave keeps lattice points of different octaves from lining up.
            sum += amplitude * At(x + o * 17.31, y - o * 9.17);
            total += amplitude;
            amplitude *= 0.5;
            x *= 2.03;
            y *= 2.03;
        }
        return sum / total;
    }

    private double Lattice(long x, long y)
    {
        ulong h = SeededRandom.Mix(seed ^ ((ulong)x * 0x9E3779B97F4A7C15UL) ^ ((ulong)y * 0xC2B2AE3D27D4EB4FUL));
        return (h >> 11) * (1.0 / (1UL << 53));
    }

    private static double Fade(double t) => t * t * t * (t * (t * 6 - 15) + 10);
}
