using static TeleDerm.SampleImages.Drawing.StableMath;

namespace TeleDerm.SampleImages.Drawing;

/// <summary>
/// Hairs in image pixels: curved strands (quadratic Bézier curves) stamped as anti-aliased discs into a
/// coverage map. Drawn per photo, not per lesion: hair grows, is shaved or lies differently at each visit.
/// </summary>
internal sealed class HairLayer
{
    private readonly float[] _cover;
    private readonly int _width;

    public HairLayer(int width, int height, int count, double widthPx, SeededRandom rng)
    {
        _width = width;
        _cover = new float[width * height];
        for (int h = 0; h < count; h++)
        {
            // Start anywhere, run in a random direction for a good part of the frame, bend a little.
            double x0 = rng.Range(-0.1, 1.1) * width, y0 = rng.Range(-0.1, 1.1) * height;
            double angle = rng.Range(0, TwoPi), length = rng.Range(0.3, 0.9) * width;
            double x2 = x0 + length * Cos(angle), y2 = y0 + length * Sin(angle);
            double bend = rng.Range(-0.25, 0.25) * length;
            double x1 = (x0 + x2) / 2 - bend * Sin(angle), y1 = (y0 + y2) / 2 + bend * Cos(angle);
            double radius = widthPx * rng.Range(0.8, 1.2) / 2;
            double opacity = rng.Range(0.75, 0.95);
            int steps = (int)(length * 2);
            for (int s = 0; s <= steps; s++)
            {
                double t = (double)s / steps, mt = 1 - t;
                // Hairs taper towards their free end.
                double r = radius * (1 - 0.5 * t);
                Stamp(mt * mt * x0 + 2 * mt * t * x1 + t * t * x2, mt * mt * y0 + 2 * mt * t * y1 + t * t * y2, r, opacity, height);
            }
        }
    }

    /// <summary>Hair coverage 0..1 of pixel (x, y).</summary>
    public double At(int x, int y) => _cover[y * _width + x];

    private void Stamp(double cx, double cy, double r, double opacity, int height)
    {
        int xa = Math.Max(0, (int)Math.Floor(cx - r - 1)), xb = Math.Min(_width - 1, (int)Math.Ceiling(cx + r + 1));
        int ya = Math.Max(0, (int)Math.Floor(cy - r - 1)), yb = Math.Min(height - 1, (int)Math.Ceiling(cy + r + 1));
        for (int y = ya; y <= yb; y++)
            for (int x = xa; x <= xb; x++)
            {
                double dx = x + 0.5 - cx, dy = y + 0.5 - cy;
                // Coverage of a pixel by the disc edge, about one pixel wide; thin hairs stay faint.
                double cover = Clamp01(r + 0.5 - Math.Sqrt(dx * dx + dy * dy)) * Math.Min(1, 2 * r) * opacity;
                int i = y * _width + x;
                if (cover > _cover[i]) _cover[i] = (float)cover;
            }
    }
}
