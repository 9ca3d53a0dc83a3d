using System.Globalization;
using System.Text;
using TeleDerm.Imaging.Quality;

namespace TeleDerm.Imaging.Tests.Quality;

/// <summary>How one check did on one half of the labelled set.</summary>
internal sealed record CheckFigures(PhotoProblem Problem, int Positives, int Detected, int Negatives, int FalseAlarms)
{
    public double Sensitivity => Positives == 0 ? double.NaN : (double)Detected / Positives;
    public double Specificity => Negatives == 0 ? double.NaN : 1 - (double)FalseAlarms / Negatives;

    /// <summary>A Wilson 95% interval for a proportion, so that the figures say how sure they are.</summary>
    public static (double Low, double High) Wilson(int successes, int n)
    {
        if (n == 0)
        {
            return (double.NaN, double.NaN);
        }
        const double z = 1.96;
        double p = (double)successes / n, denominator = 1 + z * z / n;
        double centre = (p + z * z / (2 * n)) / denominator, half = z * Math.Sqrt(p * (1 - p) / n + z * z / (4.0 * n * n)) / denominator;
        return (centre - half, centre + half);
    }
}

/// <summary>Runs the photo checks over the labelled set: sensitivity on each fault's degraded copies, specificity on the originals.</summary>
internal static class PhotoQualityEvaluation
{
    /// <summary>The checks measured here; too small is the photo's pixel size against a stated minimum, exact by construction.</summary>
    public static readonly PhotoProblem[] Evaluated =
        [PhotoProblem.OutOfFocus, PhotoProblem.OverExposed, PhotoProblem.UnderExposed, PhotoProblem.LesionOffCentre, PhotoProblem.LesionSmallInFrame];

    public static IReadOnlyList<LabelledMeasure> MeasureAll(IEnumerable<string> files) =>
        [.. files.AsParallel().AsOrdered().WithDegreeOfParallelism(Environment.ProcessorCount).SelectMany(LabelledPhotoSet.Measure)];

    public static IReadOnlyList<CheckFigures> Figures(IEnumerable<LabelledMeasure> measures, PhotoQualityThresholds thresholds)
    {
        var assessed = measures.Select(m => (m.Fault, Found: Problems(m.Measures, thresholds))).ToList();
        var originals = assessed.Where(a => a.Fault is null).ToList();
        return [.. Evaluated.Select(problem =>
        {
            var positives = assessed.Where(a => a.Fault == problem).ToList();
            return new CheckFigures(problem, positives.Count, positives.Count(a => a.Found.Contains(problem)),
                originals.Count, originals.Count(a => a.Found.Contains(problem)));
        })];
    }

    /// <summary>What the check says of a photo; a blank photo (refused) counts as found over- or under-exposed.</summary>
    private static HashSet<PhotoProblem> Problems(PhotoMeasures measures, PhotoQualityThresholds thresholds)
    {
        var found = PhotoQualityCheck.Assess(measures, dermoscopic: true, thresholds).Select(f => f.Problem).ToHashSet();
        if (found.Contains(PhotoProblem.Blank))
        {
            found.Add(measures.WhiteFraction >= measures.BlackFraction ? PhotoProblem.OverExposed : PhotoProblem.UnderExposed);
        }
        return found;
    }

    /// <summary>A markdown table of the figures with their 95% intervals.</summary>
    public static string Table(IEnumerable<CheckFigures> figures)
    {
        var text = new StringBuilder("| check | sensitivity (95% CI) | detected / degraded copies | specificity (95% CI) | false alarms / originals |\n|---|---|---|---|---|\n");
        foreach (var f in figures)
        {
            var (sl, sh) = CheckFigures.Wilson(f.Detected, f.Positives);
            var (pl, ph) = CheckFigures.Wilson(f.Negatives - f.FalseAlarms, f.Negatives);
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {f.Problem} | {f.Sensitivity:P1} ({sl:P0}–{sh:P0}) | {f.Detected} / {f.Positives} | {f.Specificity:P1} ({pl:P0}–{ph:P0}) | {f.FalseAlarms} / {f.Negatives} |");
        }
        return text.ToString();
    }

    /// <summary>
    /// For tuning: the value of a measure with the best sensitivity for a fault's copies among those that leave at least
    /// <paramref name="minSpecificity"/> of the originals alone (a warning that nags is soon ignored); ties go to the
    /// better specificity. Null values (no lesion found) count as the fault.
    /// </summary>
    public static (double Threshold, double Sensitivity, double Specificity) BestThreshold(IEnumerable<LabelledMeasure> measures, PhotoProblem fault,
        Func<PhotoMeasures, double?> value, bool faultIsHigh, double minSpecificity = 0.9)
    {
        var positives = measures.Where(m => m.Fault == fault).Select(m => value(m.Measures) ?? (faultIsHigh ? double.MaxValue : double.MinValue)).ToList();
        var negatives = measures.Where(m => m.Fault is null).Select(m => value(m.Measures) ?? (faultIsHigh ? double.MaxValue : double.MinValue)).ToList();
        var best = (Threshold: double.NaN, Sensitivity: -1.0, Specificity: -1.0);
        foreach (var candidate in positives.Concat(negatives).Distinct().Order())
        {
            double sensitivity = positives.Count(v => faultIsHigh ? v >= candidate : v <= candidate) / (double)positives.Count;
            double specificity = negatives.Count(v => faultIsHigh ? v < candidate : v > candidate) / (double)negatives.Count;
            if (specificity >= minSpecificity && (sensitivity > best.Sensitivity || sensitivity == best.Sensitivity && specificity > best.Specificity))
            {
                best = (candidate, sensitivity, specificity);
            }
        }
        return best;
    }
}
