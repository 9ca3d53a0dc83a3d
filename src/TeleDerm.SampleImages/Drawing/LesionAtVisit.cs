using static TeleDerm.SampleImages.Drawing.DermoscopyColours;
using static TeleDerm.SampleImages.Drawing.StableMath;

namespace TeleDerm.SampleImages.Drawing;

/// <summary>
/// A lesion as it is at one visit: its border (a radius per direction), and for any point in mm from its
/// centre, how much pigment covers it and of what colour. Colours are relative to type II skin; the caller
/// multiplies them onto the skin actually under the lesion, so one lesion works on every skin type.
/// </summary>
internal sealed class LesionAtVisit
{
    private const int Directions = 1024;

    private readonly LesionSpec _spec;
    private readonly double[] _border = new double[Directions];
    private readonly double _maxBorder;
    private readonly double _thresholdShift;
    private readonly Globule[] _globules;
    private readonly ValueNoise _dark, _blue, _white, _black, _pepper, _netBreak, _warpU, _warpV;
    private readonly double _netCos, _netSin;
    private readonly ulong _networkSeed;

    public LesionAtVisit(LesionSpec spec, double monthsBeforeLatest)
    {
        _spec = spec;
        bool suspicious = spec.Appearance == Appearance.Suspicious;
        // A melanoma was smaller, rounder and had fewer colours months ago; a naevus looked the same.
        double size = Math.Max(0.55, 1 - spec.GrowthPerMonth * monthsBeforeLatest);
        double irregularity = suspicious ? Math.Max(0.45, 1 - 0.035 * monthsBeforeLatest) : 1;
        _thresholdShift = suspicious ? Math.Min(0.12, 0.01 * monthsBeforeLatest) : 0;
        MeanRadiusMm = spec.RadiusMm * size;

        var seeds = new SeededRandom(spec.NoiseSeed);
        var notch = new ValueNoise(seeds.NextUInt64());
        for (int i = 0; i < Directions; i++)
        {
            double theta = -Pi + TwoPi * i / Directions;
            double relative = 1;
            for (int k = 1; k <= LesionSpec.MaxHarmonic; k++)
                relative += irregularity * spec.Amplitudes[k] * Cos(k * theta + spec.Phases[k]);
            if (suspicious)
                relative += irregularity * 0.16 * (notch.Fractal(3 + 2.5 * Cos(theta), 3 + 2.5 * Sin(theta), 3) - 0.5);
            _border[i] = MeanRadiusMm * Math.Max(0.45, relative);
        }
        _maxBorder = _border.Max();
        MaxDiameterMm = FeretDiameter(_border);

        _globules = [.. spec.Globules.Where(g => monthsBeforeLatest <= g.VisibleFromMonthsBefore)];
        _dark = new ValueNoise(seeds.NextUInt64());
        _blue = new ValueNoise(seeds.NextUInt64());
        _white = new ValueNoise(seeds.NextUInt64());
        _black = new ValueNoise(seeds.NextUInt64());
        _pepper = new ValueNoise(seeds.NextUInt64());
        _netBreak = new ValueNoise(seeds.NextUInt64());
        _warpU = new ValueNoise(seeds.NextUInt64());
        _warpV = new ValueNoise(seeds.NextUInt64());
        _networkSeed = seeds.NextUInt64();
        _netCos = Cos(spec.NetworkAngle);
        _netSin = Sin(spec.NetworkAngle);
    }

    public double MeanRadiusMm { get; }

    /// <summary>The largest distance between two points of the border (where coverage is one half).</summary>
    public double MaxDiameterMm { get; }

    /// <summary>Radius beyond which nothing of the lesion is drawn.</summary>
    public double ReachMm => _maxBorder * (1 + 2 * _spec.EdgeSoftness) + 0.3;

    /// <summary>
    /// Pigment coverage (0..1) at (x, y) mm from the centre and its colour relative to type II skin.
    /// <paramref name="networkVisibility"/> is 1 in dermoscopy and small in a clinical photo, where the
    /// network is below what the eye resolves.
    /// </summary>
    public double Sample(double x, double y, double pixelMm, double networkVisibility, out Colour tint)
    {
        tint = default;
        double d2 = x * x + y * y;
        double reach = ReachMm;
        if (d2 > reach * reach) return 0;

        double d = Math.Sqrt(d2);
        double position = (Atan2(y, x) + Pi) / TwoPi * Directions;
        int i0 = (int)Math.Floor(position);
        double f = position - i0;
        double border = Lerp(_border[((i0 % Directions) + Directions) % Directions], _border[(i0 + 1) % Directions], f);
        double rn = d / border;
        double soft = Math.Max(_spec.EdgeSoftness, 0.8 * pixelMm / border);
        double alpha = SmoothStep(1 + soft, 1 - soft, rn);

        double u = x / MeanRadiusMm, v = y / MeanRadiusMm;
        double radial = Clamp01(1 - rn * rn);
        // Network lines are darker in some places than others, never uniformly printed.
        double net = Network(x, y) * _spec.NetworkStrength * networkVisibility * (0.55 + 0.45 * _netBreak.At(u * 5 + 13, v * 5 - 9));
        Colour c;
        double opacity;
        if (_spec.Appearance == Appearance.Benign)
        {
            double shade = 0.28 + 0.45 * radial + 0.6 * (_dark.Fractal(u * 1.6 + 3, v * 1.6 + 7, 3) - 0.5);
            c = Colour.Mix(LightBrown, MidBrown, Clamp01(shade));
            if (_spec.DarkCentre)
                c = Colour.Mix(c, DarkBrown, 0.35 * SmoothStep(0.55, 0.05, rn));
            // A regular network, fading out towards the edge.
            c = Colour.Mix(c, DarkBrown, net * (0.3 + 0.7 * radial));
            opacity = 0.72 + 0.28 * SmoothStep(1.0, 0.5, rn);
        }
        else
        {
            double zu = u - _spec.ZoneOffsetU, zv = v - _spec.ZoneOffsetV;
            double zoneCentre = SmoothStep(1.1, 0.0, Math.Sqrt(zu * zu + zv * zv));
            double shade = 0.2 + 1.1 * (_dark.Fractal(zu * 2.2 + 5, zv * 2.2 + 1, 4) - 0.35) + 0.3 * zoneCentre;
            c = Colour.Mix(LightBrown, MidBrown, Clamp01(shade * 1.3));
            c = Colour.Mix(c, DarkBrown, SmoothStep(0.55, 0.85, shade));
            // An atypical network: thick dark lines, present in patches only.
            double patches = SmoothStep(0.38, 0.6, _netBreak.Fractal(u * 2.8, v * 2.8, 2));
            c = Colour.Mix(c, Colour.Mix(DarkBrown, Black, 0.4), net * patches);
            double blue = SmoothStep(_spec.BlueThreshold + _thresholdShift, _spec.BlueThreshold + _thresholdShift + 0.2,
                _blue.Fractal(zu * 1.7 + 11, zv * 1.7 - 5, 4) + 0.12 * zoneCentre);
            c = Colour.Mix(c, BlueGrey, 0.85 * blue);
            double white = SmoothStep(_spec.WhiteThreshold + _thresholdShift, _spec.WhiteThreshold + _thresholdShift + 0.16,
                _white.Fractal(u * 1.5 - 4, v * 1.5 + 8, 4));
            // Regression: scar-like white with blue-grey peppering.
            double pepper = SmoothStep(0.6, 0.8, _pepper.At(x / 0.07, y / 0.07));
            c = Colour.Mix(c, Colour.Mix(RegressionWhite, BlueGrey, 0.45 * pepper), 0.85 * white);
            double black = SmoothStep(_spec.BlackThreshold + _thresholdShift, _spec.BlackThreshold + _thresholdShift + 0.12,
                _black.Fractal(zu * 2.5 - 7, zv * 2.5 + 2, 3) + 0.08 * zoneCentre);
            c = Colour.Mix(c, Colour.Mix(DarkBrown, Black, 0.7), 0.85 * black);
            opacity = 0.95;
        }

        double aa = Math.Max(0.7 * pixelMm, 0.02);
        foreach (Globule g in _globules)
        {
            double gx = x - g.U * MeanRadiusMm, gy = y - g.V * MeanRadiusMm;
            // Globules have soft edges: pigment seen through the epidermis.
            double fuzz = Math.Max(aa, 0.35 * g.RadiusMm);
            double outer = g.RadiusMm + fuzz;
            if (gx * gx + gy * gy >= outer * outer) continue;
            double cover = SmoothStep(outer, g.RadiusMm - fuzz, Math.Sqrt(gx * gx + gy * gy));
            Colour dot = g.Darkness < 0.5 ? Colour.Mix(MidBrown, DarkBrown, g.Darkness * 2) : Colour.Mix(DarkBrown, Black, (g.Darkness - 0.5) * 2);
            c = Colour.Mix(c, dot, 0.85 * cover * alpha);
        }

        tint = c;
        return alpha * opacity;
    }

    /// <summary>
    /// Pigment network: the borders of jittered cells (cellular noise, F2 − F1 small near a border), warped
    /// a little so the holes are not all alike; 1 on its lines, 0 in its holes.
    /// </summary>
    private double Network(double x, double y)
    {
        double cell = _spec.NetworkCellMm;
        double xr = x * _netCos + y * _netSin, yr = -x * _netSin + y * _netCos;
        double u = xr / cell + 0.5 * (_warpU.At(x / (cell * 3), y / (cell * 3)) - 0.5);
        double v = yr / cell + 0.5 * (_warpV.At(x / (cell * 3) + 40, y / (cell * 3)) - 0.5);
        double fu = Math.Floor(u), fv = Math.Floor(v);
        double f1 = double.MaxValue, f2 = double.MaxValue;
        for (int dy = -1; dy <= 1; dy++)
            for (int dx = -1; dx <= 1; dx++)
            {
                long cx = (long)fu + dx, cy = (long)fv + dy;
                ulong h = SeededRandom.Mix(_networkSeed ^ ((ulong)cx * 0x9E3779B97F4A7C15UL) ^ ((ulong)cy * 0xC2B2AE3D27D4EB4FUL));
                double px = cx + 0.15 + 0.7 * ((h & 0xFFFF) / 65536.0) - u;
                double py = cy + 0.15 + 0.7 * (((h >> 16) & 0xFFFF) / 65536.0) - v;
                double d2 = px * px + py * py;
                if (d2 < f1) { f2 = f1; f1 = d2; }
                else if (d2 < f2) f2 = d2;
            }
        double edge = Math.Sqrt(f2) - Math.Sqrt(f1);
        double half = _spec.NetworkLineWidth / 2;
        return SmoothStep(half + 0.14, half - 0.05, edge);
    }

    private static double FeretDiameter(double[] border)
    {
        var xs = new double[border.Length];
        var ys = new double[border.Length];
        for (int i = 0; i < border.Length; i++)
        {
            double theta = -Pi + TwoPi * i / border.Length;
            xs[i] = border[i] * Cos(theta);
            ys[i] = border[i] * Sin(theta);
        }
        double best = 0;
        for (int i = 0; i < border.Length; i++)
            for (int j = i + 1; j < border.Length; j++)
            {
                double dx = xs[i] - xs[j], dy = ys[i] - ys[j];
                best = Math.Max(best, dx * dx + dy * dy);
            }
        return Math.Sqrt(best);
    }
}
