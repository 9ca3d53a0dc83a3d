using TeleDerm.Imaging.Quality;
using Xunit.Abstractions;

namespace TeleDerm.Imaging.Tests.Quality;

/// <summary>
/// The photo checks measured on the labelled set (docs/photo-quality.md quotes this output): the report half only,
/// with the thresholds chosen on the tuning half. Fails when a check falls under what the document promises.
/// </summary>
public sealed class PhotoQualityEvaluationTests(ITestOutputHelper output)
{
    private static readonly Lazy<IReadOnlyList<LabelledMeasure>> Measured =
        new(() => PhotoQualityEvaluation.MeasureAll(LabelledPhotoSet.GoodPhotoFiles()));

    [Fact]
    public void Each_check_finds_its_fault_and_leaves_good_photos_alone_on_the_report_half()
    {
        var report = Measured.Value.Where(m => !m.Tuning).ToList();
        var figures = PhotoQualityEvaluation.Figures(report, PhotoQualityThresholds.Default);
        output.WriteLine($"Report half: {report.Count(m => m.Fault is null)} originals");
        output.WriteLine(PhotoQualityEvaluation.Table(figures));
        output.WriteLine("Tuning half:");
        output.WriteLine(PhotoQualityEvaluation.Table(PhotoQualityEvaluation.Figures(Measured.Value.Where(m => m.Tuning), PhotoQualityThresholds.Default)));

        Assert.InRange(report.Count(m => m.Fault is null), 130, 170);
        foreach (var f in figures)
        {
            var (sensitivity, specificity) = Promised[f.Problem];
            Assert.True(f.Sensitivity >= sensitivity && f.Specificity >= specificity,
                $"{f.Problem}: sensitivity {f.Sensitivity:P1} (promised {sensitivity:P0}), specificity {f.Specificity:P1} (promised {specificity:P0})");
        }
    }

    /// <summary>What docs/photo-quality.md promises of each check on the report half (a little under what it measured).</summary>
    private static readonly Dictionary<PhotoProblem, (double Sensitivity, double Specificity)> Promised = new()
    {
        [PhotoProblem.OutOfFocus] = (0.97, 0.95),
        [PhotoProblem.OverExposed] = (0.97, 0.88),
        [PhotoProblem.UnderExposed] = (0.97, 0.95),
        [PhotoProblem.LesionOffCentre] = (0.30, 0.85),
        [PhotoProblem.LesionSmallInFrame] = (0.80, 0.85),
    };

    [Fact]
    public void Most_of_the_older_thumbnails_which_are_blurred_are_found_out_of_focus()
    {
        var files = LabelledPhotoSet.OldThumbnailFiles().ToList();
        var blurred = files.Count(file =>
            PhotoQualityCheck.Assess(PhotoMeasures.Of(ImageDecoder.DecodeFile(file).Image, 250, 250), dermoscopic: true).Any(f => f.Problem == PhotoProblem.OutOfFocus));
        output.WriteLine($"Older 250-pixel thumbnails (the 12 stripe patterns left out): {blurred} of {files.Count} found out of focus");
        Assert.Equal(48, files.Count);
        Assert.True(blurred >= files.Count / 2, $"{blurred} of {files.Count}");
    }

    [Fact]
    public void The_default_thresholds_are_those_chosen_on_the_tuning_half()
    {
        var tuning = Measured.Value.Where(m => m.Tuning).ToList();
        var tuned = new List<(string Name, double Tuned, double Default)>();
        void Show(string name, PhotoProblem fault, Func<PhotoMeasures, double?> value, bool faultIsHigh, double? inUse = null)
        {
            var (threshold, sensitivity, specificity) = PhotoQualityEvaluation.BestThreshold(tuning, fault, value, faultIsHigh);
            output.WriteLine($"{name}: threshold {threshold:0.####}: sensitivity {sensitivity:P1}, specificity {specificity:P1}");
            foreach (var variant in tuning.Where(m => m.Fault is null || m.Fault == fault).GroupBy(m => m.Variant))
            {
                var values = variant.Select(m => value(m.Measures) ?? double.NaN).Order().ToList();
                output.WriteLine($"    {variant.Key,-32} p5 {values[values.Count / 20]:0.####}  p50 {values[values.Count / 2]:0.####}  p95 {values[values.Count * 19 / 20]:0.####}");
            }
            if (inUse is { } used)
            {
                tuned.Add((name, threshold, used));
            }
        }
        var defaults = PhotoQualityThresholds.Default;
        Show("blur", PhotoProblem.OutOfFocus, m => m.Blur, faultIsHigh: true, defaults.MaxBlur);
        Show("laplacian variance (not used)", PhotoProblem.OutOfFocus, m => m.LaplacianVariance, faultIsHigh: false);
        Show("white (not used)", PhotoProblem.OverExposed, m => m.WhiteFraction, faultIsHigh: true);
        Show("clipped", PhotoProblem.OverExposed, m => m.ClippedFraction, faultIsHigh: true, defaults.MaxClippedFraction);
        Show("bright luma", PhotoProblem.UnderExposed, m => m.BrightLuma, faultIsHigh: false, defaults.MinBrightLuma);
        Show("lesion offset", PhotoProblem.LesionOffCentre, m => m.Lesion?.CentreOffset, faultIsHigh: true, defaults.MaxLesionOffset);
        Show("lesion area", PhotoProblem.LesionSmallInFrame, m => m.Lesion?.AreaFraction ?? 0, faultIsHigh: false, defaults.MinLesionArea);

        // The thresholds in use are the tuning half's, rounded: a change to a measure must be tuned again, not left stale.
        foreach (var (name, value, inUse) in tuned)
        {
            Assert.True(Math.Abs(value - inUse) <= 0.03 * Math.Abs(value), $"{name}: the tuning half gives {value:0.####}, the default is {inUse}");
        }
    }
}
