namespace TeleDerm.SampleImages.Drawing;

/// <summary>
/// Everything random about one lesion, drawn once from its seed: shape (border harmonics), colour zones,
/// pigment network, globules and how it changes with time. <see cref="LesionAtVisit"/> turns it into pixels.
/// </summary>
internal sealed class LesionSpec
{
    public const int MaxHarmonic = 16;

    private LesionSpec() { }

    public required Appearance Appearance { get; init; }
    /// <summary>Mean radius at the latest visit.</summary>
    public required double RadiusMm { get; init; }
    /// <summary>Relative amplitude and phase of border harmonic k (index k, 1..MaxHarmonic).</summary>
    public required double[] Amplitudes { get; init; }
    public required double[] Phases { get; init; }
    /// <summary>Width of the border's fade, relative to the radius: wide for a naevus, sharp in places for a melanoma.</summary>
    public required double EdgeSoftness { get; init; }
    /// <summary>Fraction of radius lost per month before the latest visit (0 for a stable naevus).</summary>
    public required double GrowthPerMonth { get; init; }
    public required double NetworkCellMm { get; init; }
    /// <summary>Width of the network's lines in cell units (cellular noise F2 − F1): thick and dark in an atypical network.</summary>
    public required double NetworkLineWidth { get; init; }
    public required double NetworkStrength { get; init; }
    public required double NetworkAngle { get; init; }
    public required bool DarkCentre { get; init; }
    /// <summary>Where the darker zones lean (lesion-relative units): off centre makes the colours asymmetric.</summary>
    public required double ZoneOffsetU { get; init; }
    public required double ZoneOffsetV { get; init; }
    /// <summary>Thresholds (0..1 noise levels) above which blue-grey, regression white and black blotches show at the latest visit.</summary>
    public required double BlueThreshold { get; init; }
    public required double WhiteThreshold { get; init; }
    public required double BlackThreshold { get; init; }
    public required Globule[] Globules { get; init; }
    public required ulong NoiseSeed { get; init; }

    public static LesionSpec Create(SeededRandom rng, Appearance appearance)
    {
        bool suspicious = appearance == Appearance.Suspicious;
        var amplitudes = new double[MaxHarmonic + 1];
        var phases = new double[MaxHarmonic + 1];
        for (int k = 1; k <= MaxHarmonic; k++)
        {
            phases[k] = rng.Range(0, StableMath.TwoPi);
            amplitudes[k] = suspicious
                ? k switch { 1 => rng.Range(0.06, 0.12), 2 => rng.Range(0.06, 0.14), 3 => rng.Range(0.04, 0.09), <= 7 => rng.Range(0.02, 0.05), _ => rng.Range(0.005, 0.018) }
                : k switch { 1 => rng.Range(0.0, 0.015), 2 => rng.Range(0.03, 0.09), 3 => rng.Range(0.0, 0.02), <= 6 => rng.Range(0.0, 0.008), _ => 0 };
        }

        double radius = suspicious ? rng.Range(3.0, 6.5) : rng.Range(1.6, 3.4);
        var globules = new List<Globule>();
        if (suspicious)
        {
            // Irregular dots and globules, mostly towards the edge, some appearing between visits.
            int count = rng.Int(25, 50);
            for (int i = 0; i < count; i++)
            {
                double angle = rng.Range(0, StableMath.TwoPi);
                double r = Math.Sqrt(rng.Range(0.15, 0.95));
                globules.Add(new Globule(r * StableMath.Cos(angle), r * StableMath.Sin(angle), rng.Range(0.04, 0.16),
                    rng.Range(0.45, 0.95), rng.Chance(0.5) ? 99 : rng.Range(0, 12)));
            }
        }
        else if (rng.Chance(0.35))
        {
            // A globular naevus: similar brown globules spread evenly.
            int count = rng.Int(14, 26);
            double size = rng.Range(0.10, 0.16);
            for (int i = 0; i < count; i++)
            {
                double angle = rng.Range(0, StableMath.TwoPi);
                double r = Math.Sqrt(rng.Range(0.0, 0.6));
                globules.Add(new Globule(r * StableMath.Cos(angle), r * StableMath.Sin(angle), size * rng.Range(0.85, 1.15),
                    rng.Range(0.2, 0.45), 99));
            }
        }

        return new LesionSpec
        {
            Appearance = appearance,
            RadiusMm = radius,
            Amplitudes = amplitudes,
            Phases = phases,
            EdgeSoftness = suspicious ? rng.Range(0.03, 0.07) : rng.Range(0.08, 0.14),
            GrowthPerMonth = suspicious ? rng.Range(0.018, 0.03) : 0,
            NetworkCellMm = rng.Range(0.2, 0.3),
            NetworkLineWidth = suspicious ? rng.Range(0.26, 0.4) : rng.Range(0.16, 0.24),
            NetworkStrength = suspicious ? rng.Range(0.55, 0.8) : rng.Range(0.45, 0.65),
            NetworkAngle = rng.Range(0, StableMath.Pi),
            DarkCentre = !suspicious && rng.Chance(0.5),
            ZoneOffsetU = suspicious ? rng.Range(-0.45, 0.45) : 0,
            ZoneOffsetV = suspicious ? rng.Range(-0.45, 0.45) : 0,
            BlueThreshold = rng.Range(0.47, 0.53),
            WhiteThreshold = rng.Range(0.52, 0.58),
            BlackThreshold = rng.Range(0.55, 0.6),
            Globules = [.. globules],
            NoiseSeed = rng.NextUInt64(),
        };
    }
}
