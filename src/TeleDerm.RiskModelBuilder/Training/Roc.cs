namespace TeleDerm.RiskModelBuilder.Training;

/// <summary>Receiver-operating figures from scores and labels.</summary>
internal static class Roc
{
    /// <summary>Area under the ROC curve = P(score of a positive > score of a negative), ties counted half.</summary>
    public static double Auc(IReadOnlyList<double> scores, IReadOnlyList<bool> positive)
    {
        double wins = 0;
        long pairs = 0;
        for (int i = 0; i < scores.Count; i++)
        {
            if (!positive[i]) continue;
            for (int j = 0; j < scores.Count; j++)
            {
                if (positive[j]) continue;
                pairs++;
                wins += scores[i] > scores[j] ? 1 : scores[i] == scores[j] ? 0.5 : 0;
            }
        }
        return pairs == 0 ? double.NaN : wins / pairs;
    }

    public static (double Sensitivity, double Specificity) At(IReadOnlyList<double> scores, IReadOnlyList<bool> positive, double threshold)
    {
        int tp = 0, p = 0, tn = 0, n = 0;
        for (int i = 0; i < scores.Count; i++)
        {
            if (positive[i]) { p++; if (scores[i] >= threshold) tp++; }
            else { n++; if (scores[i] < threshold) tn++; }
        }
        return ((double)tp / p, (double)tn / n);
    }

    /// <summary>The highest threshold that still calls at least <paramref name="sensitivity"/> of positives positive.</summary>
    public static double ThresholdForSensitivity(IReadOnlyList<double> scores, IReadOnlyList<bool> positive, double sensitivity)
    {
        double[] positives = [.. scores.Where((_, i) => positive[i]).OrderDescending()];
        int needed = (int)Math.Ceiling(sensitivity * positives.Length);
        return positives[Math.Max(needed, 1) - 1];
    }

    /// <summary>The lowest threshold (a score seen in the data, nudged above it) that keeps at least <paramref name="specificity"/> of negatives below.</summary>
    public static double ThresholdForSpecificity(IReadOnlyList<double> scores, IReadOnlyList<bool> positive, double specificity)
    {
        double[] negatives = [.. scores.Where((_, i) => !positive[i]).Order()];
        int needed = (int)Math.Ceiling(specificity * negatives.Length);
        return Math.BitIncrement(negatives[Math.Max(needed, 1) - 1]);
    }
}
