using TeleDerm.Imaging;
using TeleDerm.Imaging.Codecs;
using TeleDerm.SampleImages.Drawing;
using static TeleDerm.SampleImages.Drawing.StableMath;

namespace TeleDerm.SampleImages;

/// <summary>
/// Plans and draws the sample set. Lesion n's draws come from (seed, n) alone, so asking for fewer lesions
/// gives the first lesions of the full set unchanged. Same seed, same bytes: no clock, no System.Random, no
/// platform maths (see <see cref="StableMath"/>).
/// </summary>
public static class SampleSetGenerator
{
    public const string GeneratorName = "TeleDerm.SampleImages 1";
    public const long DefaultSeed = 2026;
    public const int DefaultLesions = 30;
    public const int MaxLesions = 99;
    public const int Width = 1024;
    public const int Height = 768;
    public const int JpegQuality = 82;
    /// <summary>A clinical close-up: about 8 cm of skin across the frame.</summary>
    public const double ClinicalPixelMm = 0.08;

    private static readonly string[] BodySites = ["back", "chest", "arm", "leg", "face", "abdomen", "shoulder", "scalp", "hand", "foot"];
    private static readonly int[] FitzpatrickWeights = [0, 2, 4, 4, 2, 1, 1];
    private static readonly int[][] ThreeVisitMonths = [[12, 6, 0], [18, 9, 0], [9, 3, 0], [24, 12, 0]];
    private static readonly int[][] TwoVisitMonths = [[6, 0], [12, 0], [3, 0]];

    public static SampleSet Generate(long seed = DefaultSeed, int lesions = DefaultLesions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lesions, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(lesions, MaxLesions);
        var files = new List<SampleFile>();
        var manifestLesions = new List<SampleLesion>();
        for (int n = 1; n <= lesions; n++)
            manifestLesions.Add(GenerateLesion(seed, n, files));
        return new SampleSet(new SampleManifest(GeneratorName, seed, manifestLesions), files);
    }

    private static SampleLesion GenerateLesion(long seed, int number, List<SampleFile> files)
    {
        var rng = new SeededRandom(SeededRandom.Derive((ulong)seed, (ulong)number));
        string id = $"L{number:00}";
        Appearance appearance = rng.Chance(0.4) ? Appearance.Suspicious : Appearance.Benign;
        int fitzpatrick = PickWeighted(rng, FitzpatrickWeights);
        string site = rng.Pick(BodySites);
        int[] months = rng.Chance(0.55) ? rng.Pick(ThreeVisitMonths) : rng.Pick(TwoVisitMonths);
        bool clinicalFirst = rng.Chance(0.45);
        LesionSpec spec = LesionSpec.Create(rng.Child(1), appearance);
        var skin = new SkinSurface(fitzpatrick, rng.Child(2));

        // One dermoscope setting per lesion, chosen so the lesion at its largest fills about half the field.
        double latestDiameter = new LesionAtVisit(spec, 0).MaxDiameterMm;
        double dermoscopicPixelMm = Math.Max(0.015, Math.Ceiling(latestDiameter / 420 * 1000) / 1000);

        var visits = new List<SampleVisit>();
        for (int v = 0; v < months.Length; v++)
        {
            var lesion = new LesionAtVisit(spec, months[v]);
            SeededRandom framing = rng.Child(100 + (ulong)v);
            var images = new List<SampleImage>();
            var kinds = v == 0 && clinicalFirst ? new[] { ImageKind.Dermoscopic, ImageKind.Clinical } : [ImageKind.Dermoscopic];
            foreach (ImageKind kind in kinds)
            {
                double pixelMm = kind == ImageKind.Dermoscopic ? dermoscopicPixelMm : ClinicalPixelMm;
                PhotoSetup setup = Setup(kind, pixelMm, site, fitzpatrick, framing.Child((ulong)kind));
                RgbImage image = PhotoRenderer.Render(lesion, skin, setup);
                string kindName = kind == ImageKind.Dermoscopic ? "dermoscopic" : "clinical";
                string file = $"{id}-v{v + 1}-{kindName}.jpg";
                files.Add(new SampleFile(file, JpegEncoder.Encode(image, JpegQuality)));
                images.Add(new SampleImage(file, kindName, Width, Height, pixelMm, Math.Round(lesion.MaxDiameterMm, 1)));
            }
            visits.Add(new SampleVisit(v + 1, months[v], images));
        }
        return new SampleLesion(id, appearance == Appearance.Suspicious ? "suspicious" : "benign", fitzpatrick, site, visits);
    }

    /// <summary>Framing that differs between visits: shifted, turned, brighter or darker, other hairs.</summary>
    private static PhotoSetup Setup(ImageKind kind, double pixelMm, string site, int fitzpatrick, SeededRandom rng)
    {
        bool dermoscopic = kind == ImageKind.Dermoscopic;
        double rotation = dermoscopic ? rng.Range(-0.2, 0.2) : rng.Range(-0.5, 0.5);
        double offsetX = dermoscopic ? rng.Range(-45, 45) * pixelMm : rng.Range(-25, 25);
        double offsetY = dermoscopic ? rng.Range(-30, 30) * pixelMm : rng.Range(-12, 10);
        double exposure = dermoscopic ? rng.Range(0.93, 1.06) : rng.Range(0.9, 1.04);
        Colour tint = dermoscopic
            ? new Colour(1, rng.Range(0.98, 1.02), rng.Range(0.98, 1.04))
            : new Colour(1.02, rng.Range(0.97, 1.0), rng.Range(0.92, 0.96));
        (int min, int max) hairs = site switch
        {
            "scalp" => (28, 45),
            "arm" or "leg" => (4, 14),
            "chest" or "abdomen" or "shoulder" or "back" => (0, 7),
            _ => (0, 3),
        };
        int hairCount = rng.Int(hairs.min, hairs.max) * (dermoscopic ? 1 : 2);
        Colour hairColour = fitzpatrick <= 2 && rng.Chance(0.4) ? DermoscopyColours.LightHair : DermoscopyColours.Hair;
        return new PhotoSetup(kind, Width, Height, pixelMm, rotation, offsetX, offsetY, exposure, tint,
            rng.Range(0, TwoPi), hairCount, rng.Range(0.06, 0.11), hairColour, rng.NextUInt64());
    }

    private static int PickWeighted(SeededRandom rng, int[] weights)
    {
        int roll = rng.Int(0, weights.Sum() - 1);
        for (int i = 0; i < weights.Length; i++)
        {
            if (roll < weights[i]) return i;
            roll -= weights[i];
        }
        throw new InvalidOperationException("unreachable: the roll is below the sum of the weights");
    }
}
