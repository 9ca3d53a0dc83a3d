using TeleDerm.Imaging.Quality;

namespace TeleDerm.Imaging.Tests.Quality;

/// <summary>A photo of the labelled set, measured, with the fault it was given (none for an original).</summary>
internal sealed record LabelledMeasure(string IsicId, bool Tuning, PhotoProblem? Fault, string Variant, PhotoMeasures Measures);

/// <summary>
/// The labelled set for the photo checks: the 300 good 256-pixel ISIC dermoscopy photos of ../shared/data/dermoscopy
/// (the 60 older 250-pixel thumbnails are left out: 12 are stripes and the others are blurred, so they are not good
/// photos), each as it is and in nine degraded copies. Photos with an even ISIC number are the tuning half, where
/// the thresholds were chosen; the odd ones are the report half, never looked at to choose anything.
/// </summary>
internal static class LabelledPhotoSet
{
    public static IEnumerable<string> GoodPhotoFiles() =>
        File.ReadLines(Path.Combine(RepoPaths.DermoscopyData, "labels.csv")).Skip(1)
            .Select(line => line.Split(',')[0])
            .Where(file => !file.Contains("isicapi250", StringComparison.Ordinal))
            .Select(file => Path.Combine(RepoPaths.DermoscopyData, file));

    /// <summary>The older thumbnails that are photos at all (not the 12 stripe patterns the manifest lists).</summary>
    public static IEnumerable<string> OldThumbnailFiles() =>
        Directory.GetFiles(RepoPaths.DermoscopyImages, "*_isicapi250.jpg").Order()
            .Where(file => !StripePatterns.Any(id => Path.GetFileName(file).StartsWith(id, StringComparison.Ordinal)));

    private static readonly string[] StripePatterns =
    [
        "ISIC_0000011", "ISIC_0000029", "ISIC_0000033", "ISIC_0000037", "ISIC_0000045", "ISIC_0000046",
        "ISIC_0000060", "ISIC_0000071", "ISIC_0000077", "ISIC_0000091", "ISIC_0000095", "ISIC_0000125",
    ];

    public static bool IsTuning(string file) => IsicNumber(file) % 2 == 0;

    private static int IsicNumber(string file) => int.Parse(Path.GetFileNameWithoutExtension(file).Split('_')[1], System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The original and its degraded copies, measured (every photo of the set is dermoscopic).</summary>
    public static IEnumerable<LabelledMeasure> Measure(string file)
    {
        var image = ImageDecoder.DecodeFile(file).Image;
        var id = Path.GetFileNameWithoutExtension(file);
        var tuning = IsTuning(file);
        LabelledMeasure Of(RgbImage copy, PhotoProblem? fault, string variant) =>
            new(id, tuning, fault, variant, PhotoMeasures.Of(copy, copy.Width, copy.Height));

        yield return Of(image, null, "original");
        yield return Of(Degradations.Blur(image, 2), PhotoProblem.OutOfFocus, "blur σ 2 px");
        yield return Of(Degradations.Blur(image, 3), PhotoProblem.OutOfFocus, "blur σ 3 px");
        yield return Of(Degradations.Enlarged(image, 4), PhotoProblem.OutOfFocus, "taken at 1/4 size, enlarged");
        yield return Of(Degradations.Exposure(image, 1.8), PhotoProblem.OverExposed, "exposure × 1.8");
        yield return Of(Degradations.Exposure(image, 2.4), PhotoProblem.OverExposed, "exposure × 2.4");
        yield return Of(Degradations.Exposure(image, 0.35), PhotoProblem.UnderExposed, "exposure × 0.35");
        yield return Of(Degradations.Exposure(image, 0.25), PhotoProblem.UnderExposed, "exposure × 0.25");
        yield return Of(Degradations.OffCentre(image, 0.6, topLeft: true), PhotoProblem.LesionOffCentre, "60% window, top left");
        yield return Of(Degradations.OffCentre(image, 0.6, topLeft: false), PhotoProblem.LesionOffCentre, "60% window, bottom right");
        yield return Of(Degradations.SmallInFrame(image, 0.25, seed: IsicNumber(file)), PhotoProblem.LesionSmallInFrame, "shrunk to 25% in skin");
    }
}
